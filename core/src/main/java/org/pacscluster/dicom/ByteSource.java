package org.pacscluster.dicom;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Random access to the bytes of a DICOM file, either held in memory or read from disk on demand, so that a large
 * multi-frame file costs only the header and the one frame that is asked for.
 */
abstract class ByteSource {
    /** Files up to this size are read whole: one read is cheaper than many small positional ones. */
    static final long WHOLE_FILE_LIMIT = 4L << 20;

    abstract long length();

    /** Reads exactly {@code len} bytes at {@code pos}; EOFException when the source ends first. */
    abstract void read(long pos, byte[] dst, int off, int len) throws IOException;

    final byte[] read(long pos, int len) throws IOException {
        byte[] out = new byte[len];
        read(pos, out, 0, len);
        return out;
    }

    /** The whole content when it is already in memory, else null. */
    byte[] array() { return null; }

    static ByteSource of(byte[] bytes) { return new InMemory(bytes); }

    static ByteSource of(Path file) throws IOException { return of(file, WHOLE_FILE_LIMIT); }

    /** Reads files up to {@code wholeFileLimit} bytes at once, larger ones on demand (tests lower the limit). */
    static ByteSource of(Path file, long wholeFileLimit) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size <= wholeFileLimit) {
                byte[] all = new byte[(int) size];
                readFully(ch, 0, all, 0, all.length);
                return new InMemory(all);
            }
            return new OnDisk(file, size);
        }
    }

    private static void readFully(FileChannel ch, long pos, byte[] dst, int off, int len) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(dst, off, len);
        while (bb.hasRemaining()) {
            int n = ch.read(bb, pos + bb.position() - off);
            if (n < 0) throw new EOFException("file ends at byte " + (pos + bb.position() - off));
        }
    }

    private static final class InMemory extends ByteSource {
        private final byte[] bytes;

        InMemory(byte[] bytes) { this.bytes = bytes; }

        @Override long length() { return bytes.length; }

        @Override byte[] array() { return bytes; }

        @Override
        void read(long pos, byte[] dst, int off, int len) throws IOException {
            if (pos < 0 || pos + len > bytes.length) {
                throw new EOFException("data ends at byte " + bytes.length + ", needed " + (pos + len));
            }
            System.arraycopy(bytes, (int) pos, dst, off, len);
        }
    }

    /** Opens the file for each read: a DicomImage may live long and must not hold a file handle. */
    private static final class OnDisk extends ByteSource {
        private final Path file;
        private final long size;

        OnDisk(Path file, long size) {
            this.file = file;
            this.size = size;
        }

        @Override long length() { return size; }

        @Override
        void read(long pos, byte[] dst, int off, int len) throws IOException {
            if (pos < 0 || pos + len > size) throw new EOFException("file ends at byte " + size + ", needed " + (pos + len));
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                readFully(ch, pos, dst, off, len);
            }
        }
    }
}
