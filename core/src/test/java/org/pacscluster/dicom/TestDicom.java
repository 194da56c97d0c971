package org.pacscluster.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * Builds small DICOM files byte by byte for tests, so each test knows exactly what the file holds (the truth is
 * the construction, not our reader).
 */
final class TestDicom {
    static final String IMPLICIT_LE = "1.2.840.10008.1.2", EXPLICIT_LE = "1.2.840.10008.1.2.1",
            EXPLICIT_BE = "1.2.840.10008.1.2.2", DEFLATED = "1.2.840.10008.1.2.1.99", RLE = "1.2.840.10008.1.2.5",
            JPEG_BASELINE = "1.2.840.10008.1.2.4.50";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean explicit;
    private final boolean big;

    TestDicom(boolean explicit, boolean big) {
        this.explicit = explicit;
        this.big = big;
    }

    /** A data set in the encoding of {@code ts} (deflated data sets are written explicit LE, then deflated). */
    static TestDicom forSyntax(String ts) {
        return new TestDicom(!ts.equals(IMPLICIT_LE), ts.equals(EXPLICIT_BE));
    }

    /** Preamble, DICM, meta group with the transfer syntax, then {@code dataset} (deflated when the syntax says). */
    static byte[] part10(String ts, byte[] dataset) {
        TestDicom meta = new TestDicom(true, false);
        meta.text(0x00020010, "UI", ts);
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(new byte[128]);
        f.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        f.writeBytes(meta.bytes());
        f.writeBytes(ts.equals(DEFLATED) ? deflate(dataset) : dataset);
        return f.toByteArray();
    }

    static byte[] deflate(byte[] b) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(b);
        d.finish();
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!d.finished()) o.write(buf, 0, d.deflate(buf));
        d.end();
        return o.toByteArray();
    }

    byte[] bytes() { return out.toByteArray(); }

    TestDicom text(int tag, String vr, String value) {
        byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
        if (v.length % 2 == 1) {
            byte[] p = new byte[v.length + 1];
            System.arraycopy(v, 0, p, 0, v.length);
            p[v.length] = (byte) (vr.equals("UI") ? 0 : ' ');
            v = p;
        }
        return element(tag, vr, v);
    }

    TestDicom us(int tag, int value) {
        byte[] v = big ? new byte[] {(byte) (value >> 8), (byte) value} : new byte[] {(byte) value, (byte) (value >> 8)};
        return element(tag, "US", v);
    }

    /** Image pixel module for a single-sample image. */
    TestDicom image(int rows, int cols, int bitsAllocated, int bitsStored, int pixelRepresentation, String photometric) {
        us(0x00280002, photometric.startsWith("MONO") || photometric.startsWith("PALETTE") ? 1 : 3);
        text(0x00280004, "CS", photometric);
        us(0x00280010, rows);
        us(0x00280011, cols);
        us(0x00280100, bitsAllocated);
        us(0x00280101, bitsStored);
        us(0x00280102, bitsStored - 1);
        us(0x00280103, pixelRepresentation);
        return this;
    }

    TestDicom element(int tag, String vr, byte[] value) {
        header(tag, vr, value.length);
        out.writeBytes(value);
        return this;
    }

    /** 16-bit words in this data set's byte order. */
    byte[] words(int... values) {
        byte[] b = new byte[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            int v = values[i];
            b[2 * i] = (byte) (big ? v >> 8 : v);
            b[2 * i + 1] = (byte) (big ? v : v >> 8);
        }
        return b;
    }

    /** A sequence of undefined length whose one item (also undefined length) holds {@code itemContent}. */
    TestDicom undefinedSequence(int tag, byte[] itemContent) {
        header(tag, "SQ", -1);
        rawTag(0xFFFEE000, -1);
        out.writeBytes(itemContent);
        rawTag(0xFFFEE00D, 0);
        rawTag(0xFFFEE0DD, 0);
        return this;
    }

    /** A sequence of defined length whose items (also of defined length) hold {@code items}. */
    TestDicom sequence(int tag, byte[]... items) {
        int length = 0;
        for (byte[] item : items) length += 8 + item.length;
        header(tag, "SQ", length);
        for (byte[] item : items) {
            rawTag(0xFFFEE000, item.length);
            out.writeBytes(item);
        }
        return this;
    }

    /** Encapsulated pixel data: a basic offset table (may be empty) and the fragments. */
    TestDicom encapsulated(int[] offsetTable, byte[]... fragments) {
        header(0x7FE00010, "OB", -1);
        rawTag(0xFFFEE000, offsetTable.length * 4);
        for (int o : offsetTable) le32(o);
        for (byte[] f : fragments) {
            rawTag(0xFFFEE000, f.length);
            out.writeBytes(f);
        }
        rawTag(0xFFFEE0DD, 0);
        return this;
    }

    private void header(int tag, String vr, int length) {
        tag16(tag >>> 16);
        tag16(tag & 0xFFFF);
        if (explicit) {
            out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
            if (vr.equals("OB") || vr.equals("OW") || vr.equals("SQ") || vr.equals("UN") || vr.equals("UT")) {
                out.write(0);
                out.write(0);
                len32(length);
            } else {
                tag16(length);
            }
        } else {
            len32(length);
        }
    }

    /** Item and delimiter tags: encapsulated pixel data is always little endian; sequences follow the data set. */
    private void rawTag(int tag, int length) {
        boolean le = !big || tag == 0;
        int g = tag >>> 16, e = tag & 0xFFFF;
        if (le) {
            out.write(g);
            out.write(g >> 8);
            out.write(e);
            out.write(e >> 8);
        } else {
            out.write(g >> 8);
            out.write(g);
            out.write(e >> 8);
            out.write(e);
        }
        len32(length);
    }

    private void tag16(int v) {
        if (big) {
            out.write(v >> 8);
            out.write(v);
        } else {
            out.write(v);
            out.write(v >> 8);
        }
    }

    private void len32(int v) {
        if (big) {
            out.write(v >>> 24);
            out.write(v >>> 16);
            out.write(v >>> 8);
            out.write(v);
        } else {
            le32(v);
        }
    }

    private void le32(int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }
}
