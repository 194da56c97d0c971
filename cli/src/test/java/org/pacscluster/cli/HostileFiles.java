package org.pacscluster.cli;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/**
 * Makes hostile inputs on the fly, small on disk however large they claim or inflate to: deflate bombs are built
 * from one compressed block of zeros repeated (independent non-final deflate blocks may be concatenated), so a 2 GB
 * bomb costs a few MB and well under a second.
 */
final class HostileFiles {
    private HostileFiles() {}

    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1", DEFLATED = "1.2.840.10008.1.2.1.99",
            RLE = "1.2.840.10008.1.2.5", JPEG_BASELINE = "1.2.840.10008.1.2.4.50";

    // ---- deflate streams of zeros ------------------------------------------------------------------------------

    private static final int BLOCK = 16 << 20;

    /** Raw deflate (no zlib header) of {@code n} zero bytes. */
    static byte[] rawDeflatedZeros(long n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] block = flushed(new byte[BLOCK]);
        long full = n / BLOCK;
        for (long i = 0; i < full; i++) out.writeBytes(block);
        int rest = (int) (n % BLOCK);
        if (rest > 0) out.writeBytes(flushed(new byte[rest]));
        Deflater end = new Deflater(Deflater.BEST_COMPRESSION, true);
        end.finish();
        byte[] buf = new byte[64];
        while (!end.finished()) out.write(buf, 0, end.deflate(buf));
        end.end();
        return out.toByteArray();
    }

    private static byte[] flushed(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setInput(data);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        int got;
        do {
            got = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
            o.write(buf, 0, got);
        } while (got == buf.length || !d.needsInput());
        d.end();
        return o.toByteArray();
    }

    static long crcOfZeros(long n) {
        CRC32 c = new CRC32();
        byte[] z = new byte[1 << 20];
        for (long left = n; left > 0; left -= z.length) c.update(z, 0, (int) Math.min(z.length, left));
        return c.getValue();
    }

    // ---- DICOM ---------------------------------------------------------------------------------------------------

    /** An explicit-VR little-endian data set built element by element. */
    static final class Dataset {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Dataset text(int tag, String vr, String value) {
            byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
            if (v.length % 2 == 1) {
                byte[] p = java.util.Arrays.copyOf(v, v.length + 1);
                p[v.length] = (byte) (vr.equals("UI") ? 0 : ' ');
                v = p;
            }
            return element(tag, vr, v);
        }

        Dataset us(int tag, int value) { return element(tag, "US", new byte[] {(byte) value, (byte) (value >> 8)}); }

        Dataset element(int tag, String vr, byte[] value) {
            header(tag, vr, value.length);
            out.writeBytes(value);
            return this;
        }

        void header(int tag, String vr, long length) {
            le16(tag >>> 16);
            le16(tag & 0xFFFF);
            out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
            if (vr.equals("OB") || vr.equals("OW") || vr.equals("SQ") || vr.equals("UN")) {
                le16(0);
                le32(length);
            } else {
                le16((int) length);
            }
        }

        void item(long length) {
            le16(0xFFFE);
            le16(0xE000);
            le32(length);
        }

        void sequenceEnd() {
            le16(0xFFFE);
            le16(0xE0DD);
            le32(0);
        }

        void le16(int v) { out.write(v); out.write(v >> 8); }

        void le32(long v) { for (int i = 0; i < 4; i++) out.write((int) (v >> (8 * i))); }

        byte[] bytes() { return out.toByteArray(); }
    }

    /** A CT image's identity and pixel module (grey, unsigned). */
    static Dataset image(String sop, int rows, int cols, int bits, String frames) {
        Dataset d = new Dataset()
                .text(0x00080016, "UI", "1.2.840.10008.5.1.4.1.1.2")
                .text(0x00080018, "UI", sop)
                .text(0x00080060, "CS", "CT")
                .text(0x00180015, "CS", "CHEST")
                .us(0x00280002, 1)
                .text(0x00280004, "CS", "MONOCHROME2");
        if (frames != null) d.text(0x00280008, "IS", frames);
        return d.us(0x00280010, rows).us(0x00280011, cols).us(0x00280100, bits).us(0x00280101, bits)
                .us(0x00280102, bits - 1).us(0x00280103, 0);
    }

    /** Preamble, DICM, the meta group with the transfer syntax, then the data set bytes as given. */
    static byte[] part10(String transferSyntax, byte[] dataset) {
        Dataset meta = new Dataset().text(0x00020010, "UI", transferSyntax);
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(new byte[128]);
        f.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        f.writeBytes(meta.bytes());
        f.writeBytes(dataset);
        return f.toByteArray();
    }

    /** A valid 16×16 CT image with a gradient. */
    static byte[] goodDicom(String sop) {
        byte[] px = new byte[16 * 16];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i % 251);
        return part10(EXPLICIT_LE, image(sop, 16, 16, 8, null).element(0x7FE00010, "OB", px).bytes());
    }

    /**
     * A deflated data set that inflates to about {@code inflated} bytes: a small image whose header holds one
     * private OB value of zeros of that size, before the pixel data.
     */
    static byte[] deflateBomb(String sop, long inflated) {
        Dataset head = image(sop, 16, 16, 8, null);
        head.header(0x00091010, "OB", inflated);
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        deflated.writeBytes(flushed(head.bytes()));
        byte[] zeros = rawDeflatedZeros(inflated);
        // rawDeflatedZeros ends with the final (empty) block: the pixel data goes before it, in its own block
        Dataset tail = new Dataset().element(0x7FE00010, "OB", new byte[256]);
        deflated.write(zeros, 0, zeros.length - finalBlock().length);
        deflated.writeBytes(flushed(tail.bytes()));
        deflated.writeBytes(finalBlock());
        return part10(DEFLATED, deflated.toByteArray());
    }

    private static byte[] finalBlock() {
        Deflater end = new Deflater(Deflater.BEST_COMPRESSION, true);
        end.finish();
        byte[] buf = new byte[64];
        int n = end.deflate(buf);
        end.end();
        return java.util.Arrays.copyOf(buf, n);
    }

    /** Encapsulated pixel data with an empty offset table and the given fragments. */
    static byte[] encapsulated(String transferSyntax, Dataset d, byte[]... fragments) {
        d.header(0x7FE00010, "OB", 0xFFFFFFFFL);
        d.item(0);
        for (byte[] f : fragments) {
            d.item(f.length);
            d.out.writeBytes(f);
        }
        d.sequenceEnd();
        return part10(transferSyntax, d.bytes());
    }

    // ---- images, ZIP -------------------------------------------------------------------------------------------

    static byte[] png(int w, int h, int seed) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.getRaster().setSample(x, y, 0, (x * 7 + y * 3 + seed * 40) & 255);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ImageIO.write(img, "png", o);
        return o.toByteArray();
    }

    static byte[] jpeg(int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.getRaster().setSample(x, y, 0, (x * 5 + y * 11) & 255);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", o);
        return o.toByteArray();
    }

    /** A width×height 8-bit RGB PNG of zeros, written without ever holding its pixels. */
    static byte[] hugeRgbPng(int width, int height) throws IOException {
        long raw = (long) height * (1 + 3L * width);
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        zlib.write(0x78);
        zlib.write(0xDA);
        zlib.writeBytes(rawDeflatedZeros(raw));
        Adler32 a = new Adler32();
        byte[] z = new byte[1 << 20];
        for (long left = raw; left > 0; left -= z.length) a.update(z, 0, (int) Math.min(z.length, left));
        zlib.writeBytes(ByteBuffer.allocate(4).putInt((int) a.getValue()).array());
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(png, "IDAT", zlib.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        png.writeBytes(t);
        png.writeBytes(data);
        CRC32 c = new CRC32();
        c.update(t);
        c.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) c.getValue()).array());
    }

    /** One ZIP member: its name, deflated data, CRC, and the sizes its headers declare. */
    record Member(String name, byte[] deflated, long crc, long declaredSize) {
        static Member of(String name, byte[] data) {
            Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            d.setInput(data);
            d.finish();
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            while (!d.finished()) o.write(buf, 0, d.deflate(buf));
            d.end();
            CRC32 c = new CRC32();
            c.update(data);
            return new Member(name, o.toByteArray(), c.getValue(), data.length);
        }

        /** {@code size} zero bytes; {@code declared} may lie about it. */
        static Member zeros(String name, long size, long declared) {
            return new Member(name, rawDeflatedZeros(size), crcOfZeros(size), declared);
        }
    }

    /** A ZIP (deflated members, ZIP64 not used: sizes must stay under 4 GB) written by hand, lies included. */
    static void zip(Path file, Member... members) throws IOException {
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        try (OutputStream out = Files.newOutputStream(file)) {
            long offset = 0;
            for (Member m : members) {
                byte[] name = m.name().getBytes(StandardCharsets.UTF_8);
                ByteBuffer local = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN)
                        .putInt(0x04034b50).putShort((short) 20).putShort((short) 0x0800).putShort((short) 8)
                        .putShort((short) 0).putShort((short) 0x21).putInt((int) m.crc())
                        .putInt(m.deflated().length).putInt((int) m.declaredSize())
                        .putShort((short) name.length).putShort((short) 0);
                out.write(local.array());
                out.write(name);
                out.write(m.deflated());
                ByteBuffer cd = ByteBuffer.allocate(46).order(ByteOrder.LITTLE_ENDIAN)
                        .putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0x0800)
                        .putShort((short) 8).putShort((short) 0).putShort((short) 0x21).putInt((int) m.crc())
                        .putInt(m.deflated().length).putInt((int) m.declaredSize())
                        .putShort((short) name.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                        .putShort((short) 0).putInt(0).putInt((int) offset);
                central.writeBytes(cd.array());
                central.writeBytes(name);
                offset += 30 + name.length + m.deflated().length;
            }
            byte[] cd = central.toByteArray();
            out.write(cd);
            out.write(ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN).putInt(0x06054b50).putShort((short) 0)
                    .putShort((short) 0).putShort((short) members.length).putShort((short) members.length)
                    .putInt(cd.length).putInt((int) offset).putShort((short) 0).array());
        }
    }
}
