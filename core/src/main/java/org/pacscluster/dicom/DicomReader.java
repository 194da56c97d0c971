package org.pacscluster.dicom;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.pacscluster.io.LimitExceededException;
import org.pacscluster.io.ReadLimits;

/**
 * Entry point for reading DICOM Part-10 files (or bare data sets) from disk or memory. Every failure, including a
 * malformed length or a codec's runtime error, becomes a {@link DicomRejectedException} with a reason. Sizes the
 * file declares (an inflated data set, Rows × Columns, frames, fragments) are checked against {@link ReadLimits}
 * before anything of that size is allocated; only regular files are opened (a FIFO would block the reader).
 */
public final class DicomReader {
    private DicomReader() {}

    public static DicomImage read(Path file) throws DicomRejectedException {
        return open(source(file));
    }

    /**
     * Reads from bytes already in memory (e.g. a WADO-RS part). {@code name} says where they came from; reasons
     * do not repeat it, since callers report the source beside the reason (rejected.csv has a file column).
     */
    public static DicomImage read(byte[] bytes, String name) throws DicomRejectedException {
        return open(ByteSource.of(bytes));
    }

    /**
     * The decoder settings asked for in this process that change decoded pixels away from the defaults, for the
     * resume key of an ingest (empty with the defaults, so that keys made before these settings existed still
     * match): {@code -Dpacscluster.j2k.reduce=off}, or an invalid value of it, which rejects every JPEG 2000 frame.
     * (Which JPEG 2000 decoder a machine has is not keyed: a resume runs where the ingest began.)
     */
    public static java.util.Map<String, String> nonDefaultDecoding() {
        boolean reducing;
        try {
            reducing = Jpeg2000Codec.reducing();
        } catch (DicomRejectedException e) {
            reducing = false;
        }
        return reducing ? java.util.Map.of() : java.util.Map.of("jpeg 2000 resolution", "full");
    }

    static ByteSource source(Path file) throws DicomRejectedException {
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new DicomRejectedException(Files.isDirectory(file) ? "a folder, not a file"
                        : "not a regular file (a FIFO, device or socket): skipped");
            }
            return ByteSource.of(file);
        } catch (NoSuchFileException e) {
            throw new DicomRejectedException("no such file");
        } catch (AccessDeniedException e) {
            throw new DicomRejectedException("permission denied");
        } catch (IOException e) {
            throw new DicomRejectedException("cannot read the file: " + DicomFile.message(e), e);
        } catch (RuntimeException e) {
            throw new DicomRejectedException("cannot read the file: " + DicomFile.message(e), e);
        }
    }

    static DicomFile open(ByteSource source) throws DicomRejectedException {
        return open(parseHeader(source));
    }

    /** The header of a file, even one that is not a usable image (its defect is recorded, not thrown). */
    static DicomHeader parseHeader(ByteSource source) throws DicomRejectedException {
        try {
            return HeaderParser.parse(source);
        } catch (LimitExceededException e) {
            throw new DicomRejectedException(e.getMessage(), e);
        } catch (IOException e) {
            throw new DicomRejectedException("cannot read the file: " + DicomFile.message(e), e);
        } catch (RuntimeException e) {
            throw new DicomRejectedException("malformed file: " + DicomFile.message(e), e);
        }
    }

    /** Checks that a parsed header describes pixel data we can decode, and locates its frames. */
    static DicomFile open(DicomHeader h) throws DicomRejectedException {
        try {
            return validate(h);
        } catch (LimitExceededException e) {
            throw new DicomRejectedException(e.getMessage(), e);
        } catch (IOException e) {
            throw new DicomRejectedException("cannot read the file: " + DicomFile.message(e), e);
        } catch (RuntimeException e) {
            throw new DicomRejectedException("malformed file: " + DicomFile.message(e), e);
        }
    }

    private static DicomFile validate(DicomHeader h) throws DicomRejectedException, IOException {
        if (!h.hasPixelData()) {
            if (h.defect != null) throw new DicomRejectedException("no pixel data found before the damage: " + h.defect);
            throw new DicomRejectedException("no pixel data" + SopClasses.describe(h.sopClassUid));
        }
        if (h.pixelTag != DicomHeader.PIXEL_DATA) {
            throw new DicomRejectedException((h.pixelTag == DicomHeader.FLOAT_PIXEL_DATA ? "Float" : "Double Float")
                    + " Pixel Data is not supported");
        }
        TransferSyntax ts = h.syntax;
        if (ts == null) throw new DicomRejectedException("unsupported transfer syntax " + h.transferSyntaxUid);
        switch (ts.codec()) {
            case JPEG_LS -> throw new DicomRejectedException("JPEG-LS is not supported (" + ts + ")");
            case UNSUPPORTED -> throw new DicomRejectedException("unsupported transfer syntax " + ts);
            default -> { }
        }
        PixelModule m = PixelModule.from(h);
        try {
            ReadLimits.current().checkImage(m.rows(), m.columns(), m.samplesPerPixel());
        } catch (LimitExceededException e) {
            throw new DicomRejectedException(e.getMessage());
        }
        if (ts.codec() == TransferSyntax.Codec.JPEG && m.bitsStored() > 8) {
            throw new DicomRejectedException("12-bit lossy JPEG is not supported (" + m.bitsStored() + " bits stored, " + ts + ")");
        }
        long remaining = h.source.length() - h.pixelOffset;
        if (ts.codec() == TransferSyntax.Codec.NATIVE) {
            if (h.pixelLength < 0) {
                throw new DicomRejectedException("encapsulated pixel data in an uncompressed transfer syntax (" + ts + ")");
            }
            long needed = (m.nativeFrameBits() * m.frames() + 7) / 8;
            long available = Math.min(h.pixelLength, remaining);
            if (available < needed) {
                String what = h.pixelLength > remaining ? "truncated: the file ends inside the pixel data"
                        : "pixel data too short";
                throw new DicomRejectedException(what + " (" + available + " bytes, " + needed + " needed for "
                        + m.frames() + " frame(s) of " + m.rows() + "x" + m.columns() + "x" + m.samplesPerPixel()
                        + " at " + m.bitsAllocated() + " bits)");
            }
            return new DicomFile(h, m, ts, null);
        }
        if (h.pixelLength >= 0) {
            throw new DicomRejectedException("pixel data is not encapsulated although the transfer syntax is " + ts);
        }
        Fragments f = Fragments.scan(h, m.frames(), ts.codec());
        return new DicomFile(h, m, ts, f);
    }
}
