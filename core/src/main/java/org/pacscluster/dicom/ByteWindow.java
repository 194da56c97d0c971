package org.pacscluster.dicom;

import java.io.IOException;

/**
 * A sliding window over a {@link ByteSource} with endian-aware reads, used by the header parser. In-memory sources
 * are read in place; on-disk sources are read in blocks around the position asked for.
 */
final class ByteWindow {
    private static final int BLOCK = 64 << 10;

    private final ByteSource source;
    private final long length;
    private byte[] buf;
    private long start;
    private int filled;

    ByteWindow(ByteSource source) {
        this.source = source;
        this.length = source.length();
        byte[] all = source.array();
        if (all != null) {
            buf = all;
            filled = all.length;
        } else {
            buf = new byte[0];
        }
    }

    long length() { return length; }

    ByteSource source() { return source; }

    /** True when {@code n} bytes exist at {@code pos}. */
    boolean has(long pos, long n) { return pos >= 0 && n >= 0 && pos + n <= length; }

    /** Makes [pos, pos+n) available in {@link #buf} and returns the index of pos in it. */
    private int at(long pos, int n) throws IOException {
        if (pos >= start && pos + n <= start + filled) return (int) (pos - start);
        if (!has(pos, n)) throw new TruncatedException(pos + n, length);
        int want = (int) Math.min(Math.max(n, BLOCK), length - pos);
        if (buf.length < want) buf = new byte[want];
        source.read(pos, buf, 0, want);
        start = pos;
        filled = want;
        return 0;
    }

    int u8(long pos) throws IOException { return buf[at(pos, 1)] & 0xFF; }

    int u16(long pos, boolean big) throws IOException {
        int i = at(pos, 2);
        int a = buf[i] & 0xFF, b = buf[i + 1] & 0xFF;
        return big ? (a << 8) | b : (b << 8) | a;
    }

    /** An unsigned 32-bit value as a long (lengths up to 0xFFFFFFFF must not turn negative). */
    long u32(long pos, boolean big) throws IOException {
        int i = at(pos, 4);
        long a = buf[i] & 0xFF, b = buf[i + 1] & 0xFF, c = buf[i + 2] & 0xFF, d = buf[i + 3] & 0xFF;
        return big ? (a << 24) | (b << 16) | (c << 8) | d : (d << 24) | (c << 16) | (b << 8) | a;
    }

    byte[] bytes(long pos, int n) throws IOException {
        int i = at(pos, n);
        byte[] out = new byte[n];
        System.arraycopy(buf, i, out, 0, n);
        return out;
    }

    /** Whether the ASCII text {@code s} is at {@code pos} (false, not an error, past the end). */
    boolean matches(long pos, String s) throws IOException {
        if (!has(pos, s.length())) return false;
        int i = at(pos, s.length());
        for (int k = 0; k < s.length(); k++) if (buf[i + k] != (byte) s.charAt(k)) return false;
        return true;
    }

    /** Thrown when the data ends inside something that its header promised. */
    static final class TruncatedException extends IOException {
        final long needed;
        final long available;

        TruncatedException(long needed, long available) {
            super("data ends at byte " + available + " but " + needed + " are needed");
            this.needed = needed;
            this.available = available;
        }
    }
}
