package org.pacscluster.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pacscluster.SharedData;

/**
 * Our lossless JPEG decoder against TwelveMonkeys (the decoder it replaces) on every real lossless file we have,
 * against the construction on streams a small encoder below writes (predictors, precisions, restart intervals and
 * component counts the real files lack), and on damaged streams (a frame or a rejection, nothing else).
 */
class LosslessJpegDecoderTest {

    /** Every lossless JPEG file of the shared data, the repository corpus and python3-pydicom's test files. */
    static List<DicomFile> realFiles() throws IOException {
        List<Path> roots = new ArrayList<>(List.of(SharedData.data("dicom"), DicomConformanceTest.corpusRoot(),
                DicomConformanceTest.PYDICOM_CORPUS));
        List<DicomFile> files = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) continue;
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                    try {
                        DicomFile f = (DicomFile) DicomReader.read(p);
                        TransferSyntax ts = TransferSyntax.of(f.transferSyntaxUid());
                        if (ts != null && ts.codec() == TransferSyntax.Codec.JPEG_LOSSLESS) {
                            files.add(f);
                        }
                    } catch (DicomRejectedException | RuntimeException e) {
                        // not an image we read: not our concern here
                    }
                }
            }
        }
        return files;
    }

    @Test
    void realFilesDecodeExactlyAsTwelveMonkeysDoes() throws Exception {
        List<DicomFile> files = realFiles();
        // RG2_JPLL and RG3_JPLL (shared data), JPEG-LL, GH184 and CR-ModalitySequenceLUT (repository corpus)
        assertTrue(files.size() >= 5, "lossless JPEG files found: " + files.size());
        int frames = 0;
        for (DicomFile f : files) {
            PixelModule m = f.module();
            for (int i = 0; i < m.frames(); i++) {
                byte[] data = f.encodedFrame(i);
                RawFrame ours = LosslessJpegDecoder.decode(data, m);
                assertNotNull(ours, "a real file left to TwelveMonkeys");
                RawFrame theirs = ImageIoCodec.decodeJpeg(data, m, TransferSyntax.Codec.JPEG_LOSSLESS);
                assertArrayEquals(theirs.samples(), ours.samples(), "frame " + i + " of a " + m.rows() + "x" + m.columns());
                assertEquals(theirs.ycbcr(), ours.ycbcr());
                assertEquals(theirs.samplesPerPixel(), ours.samplesPerPixel());
                frames++;
            }
        }
        System.out.println("lossless JPEG: " + files.size() + " files, " + frames + " frames identical to TwelveMonkeys");
    }

    // ---- hand-made streams ----

    static PixelModule module(int rows, int cols, int spp, int precision, boolean signed) {
        return new PixelModule(rows, cols, spp, precision > 8 ? 16 : 8, precision, signed, false,
                spp == 3 ? Photometric.RGB : Photometric.MONOCHROME2, 1, ModalityLut.IDENTITY, null);
    }

    /** Random samples with some smooth structure, and a few neighbours 2^15 apart (difference category 16). */
    static int[] image(Random r, int rows, int cols, int nc, int precision) {
        int[] s = new int[rows * cols * nc];
        int max = (1 << precision) - 1;
        for (int i = 0; i < s.length; i++) {
            int smooth = (int) ((long) max * ((i / nc) % cols + (i / nc / cols)) / (rows + cols));
            s[i] = r.nextInt(4) == 0 ? r.nextInt(max + 1) : Math.min(max, Math.max(0, smooth + r.nextInt(5) - 2));
        }
        if (precision == 16) {
            for (int i = nc; i < s.length; i += 7 * nc) s[i] = s[i - nc] ^ 0x8000;
        }
        return s;
    }

    @Test
    void everyPredictorPrecisionRestartAndComponentCountRoundTrips() throws Exception {
        Random r = new Random(42);
        int cases = 0;
        for (int nc : new int[] {1, 3}) {
            for (int precision : new int[] {2, 8, 12, 16}) {
                for (int predictor = 1; predictor <= 7; predictor++) {
                    for (int pt : new int[] {0, 1}) {
                        for (int restartRows : new int[] {0, 2}) {
                            for (boolean longCodes : new boolean[] {false, true}) {
                                int rows = 7 + r.nextInt(5), cols = 5 + r.nextInt(9);
                                int[] x = image(r, rows, cols, nc, precision);
                                byte[] jpeg = Encoder.encode(x, rows, cols, nc, precision, predictor, pt,
                                        restartRows * cols, longCodes);
                                RawFrame f = LosslessJpegDecoder.decode(jpeg, module(rows, cols, nc, precision, false));
                                assertNotNull(f);
                                int[] expected = x.clone();
                                for (int i = 0; i < expected.length; i++) expected[i] = expected[i] >> pt << pt;
                                String what = "nc " + nc + ", P " + precision + ", predictor " + predictor + ", Pt " + pt
                                        + ", restart rows " + restartRows + ", long codes " + longCodes;
                                assertArrayEquals(expected, f.samples(), what);
                                cases++;
                            }
                        }
                    }
                }
            }
        }
        assertEquals(2 * 4 * 7 * 2 * 2 * 2, cases);
    }

    /**
     * The encoder is checked by a second decoder: TwelveMonkeys reads its streams as written, for every predictor
     * (it has no 3-component lossless but 8-bit: "JPEG Lossless with 12 bit precision and 3 component(s) not
     * supported", which our decoder is not limited to). With restart intervals only for predictor 1 and one
     * component: after a restart TwelveMonkeys predicts the first row with the scan's predictor, where T.81 H.1.2.1
     * and libjpeg start afresh as on the image's first row, and it goes wrong at the first restart of a 3-component
     * scan (dcmtk's dcmdjpeg, IJG code, decoded this encoder's streams, every
     * predictor with restarts every 3 rows, Pt 1, 1 and 3 components, exactly as constructed; checked by hand).
     */
    @Test
    void twelveMonkeysReadsTheTestEncodersStreams() throws Exception {
        Random r = new Random(7);
        for (int nc : new int[] {1, 3}) {
            for (int precision : nc == 1 ? new int[] {8, 12, 16} : new int[] {8}) {
                for (int predictor = 1; predictor <= 7; predictor++) {
                    for (int restartRows : predictor == 1 && nc == 1 ? new int[] {0, 3} : new int[] {0}) {
                        int rows = 9, cols = 11;
                        int[] x = image(r, rows, cols, nc, precision);
                        byte[] jpeg = Encoder.encode(x, rows, cols, nc, precision, predictor, 0, restartRows * cols, true);
                        RawFrame f = ImageIoCodec.decodeJpeg(jpeg, module(rows, cols, nc, precision, false),
                                TransferSyntax.Codec.JPEG_LOSSLESS);
                        assertArrayEquals(x, f.samples(), "nc " + nc + ", P " + precision + ", predictor " + predictor
                                + ", restart rows " + restartRows);
                    }
                }
            }
        }
    }

    @Test
    void signedSamplesAreSignExtendedFromBitsStored() throws Exception {
        int[] x = {0, 1, 0x7FF, 0x800, 0xFFF, 0x801};
        byte[] jpeg = Encoder.encode(x, 2, 3, 1, 12, 1, 0, 0, false);
        assertArrayEquals(new int[] {0, 1, 2047, -2048, -1, -2047},
                LosslessJpegDecoder.decode(jpeg, module(2, 3, 1, 12, true)).samples());
    }

    @Test
    void aFrameOfAnotherSizeThanTheHeaderIsRejectedBeforeDecoding() throws Exception {
        byte[] jpeg = Encoder.encode(new int[12], 3, 4, 1, 8, 1, 0, 0, false);
        DicomRejectedException e = assertThrows(DicomRejectedException.class,
                () -> LosslessJpegDecoder.decode(jpeg, module(30000, 30000, 1, 8, false)));
        assertEquals("the JPEG frame is 4x3x1 but the header says 30000x30000x1", e.reason());
    }

    @Test
    void aTruncatedStreamIsRejected() throws Exception {
        Random r = new Random(3);
        int[] x = image(r, 40, 40, 1, 12);
        byte[] jpeg = Encoder.encode(x, 40, 40, 1, 12, 1, 0, 0, false);
        byte[] cut = java.util.Arrays.copyOf(jpeg, jpeg.length / 2);
        DicomRejectedException e = assertThrows(DicomRejectedException.class,
                () -> LosslessJpegDecoder.decode(cut, module(40, 40, 1, 12, false)));
        assertTrue(e.reason().startsWith("truncated"), e.reason());
        byte[] noEoi = java.util.Arrays.copyOf(jpeg, jpeg.length - 2);  // the data is whole: that is enough
        assertArrayEquals(x, LosslessJpegDecoder.decode(noEoi, module(40, 40, 1, 12, false)).samples());
    }

    @Test
    void variantsWeDoNotDecodeAreLeftToTwelveMonkeys() throws Exception {
        byte[] jpeg = Encoder.encode(new int[12], 3, 4, 1, 8, 1, 0, 0, false);
        byte[] sof7 = jpeg.clone();
        sof7[3] = (byte) 0xC7;  // hierarchical lossless
        assertEquals(null, LosslessJpegDecoder.decode(sof7, module(3, 4, 1, 8, false)));
        byte[] restartInsideRows = Encoder.encode(new int[12], 3, 4, 1, 8, 1, 0, 6, false);
        assertEquals(null, LosslessJpegDecoder.decode(restartInsideRows, module(3, 4, 1, 8, false)));
    }

    /**
     * Damaged streams (bytes changed, inserted, removed, the end cut off) give a frame, null or a rejection: never
     * another exception, never a hang. Streams: real files' frames and hand-made ones with restart intervals.
     */
    @Test
    void damagedStreamsGiveAFrameOrARejection() throws Exception {
        Random r = new Random(2024);
        List<byte[]> streams = new ArrayList<>();
        List<PixelModule> modules = new ArrayList<>();
        DicomFile gh184 = (DicomFile) DicomReader.read(DicomConformanceTest.corpusRoot().resolve("fo-dicom/GH184.dcm"));
        streams.add(gh184.encodedFrame(0));
        modules.add(gh184.module());
        for (int nc : new int[] {1, 3}) {
            int[] x = image(r, 24, 20, nc, 12);
            streams.add(Encoder.encode(x, 24, 20, nc, 12, 6, 0, 4 * 20, true));
            modules.add(module(24, 20, nc, 12, false));
        }
        int[] outcomes = new int[3];
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int n = 0; n < 3000; n++) {
                int which = n % streams.size();
                byte[] d = mutate(r, streams.get(which));
                try {
                    RawFrame f = LosslessJpegDecoder.decode(d, modules.get(which));
                    outcomes[f == null ? 1 : 0]++;
                } catch (DicomRejectedException e) {
                    assertTrue(!e.reason().contains("\n"), e.reason());
                    outcomes[2]++;
                }
            }
        });
        // and a large real stream, damaged less often (a decode takes ~15 ms)
        Path rg3 = SharedData.data("dicom/nema-compsamples/RG3_JPLL");
        if (Files.isRegularFile(rg3)) {
            DicomFile f = (DicomFile) DicomReader.read(rg3);
            byte[] data = f.encodedFrame(0);
            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
                for (int n = 0; n < 40; n++) {
                    try {
                        RawFrame frame = LosslessJpegDecoder.decode(mutate(r, data), f.module());
                        outcomes[frame == null ? 1 : 0]++;
                    } catch (DicomRejectedException e) {
                        outcomes[2]++;
                    }
                }
            });
        }
        System.out.printf("lossless JPEG fuzz: %d decoded, %d left to TwelveMonkeys, %d rejected%n",
                outcomes[0], outcomes[1], outcomes[2]);
        assertTrue(outcomes[2] > 0 && outcomes[0] > 0);
    }

    static byte[] mutate(Random r, byte[] src) {
        byte[] d = src.clone();
        switch (r.nextInt(4)) {
            case 0 -> {  // a few bytes changed, anywhere (markers and tables included)
                for (int k = 1 + r.nextInt(4); k > 0; k--) d[r.nextInt(d.length)] = (byte) r.nextInt(256);
            }
            case 1 -> d = java.util.Arrays.copyOf(d, r.nextInt(d.length));  // cut short
            case 2 -> {  // bytes inserted
                int at = r.nextInt(d.length), n = 1 + r.nextInt(8);
                byte[] e = new byte[d.length + n];
                System.arraycopy(d, 0, e, 0, at);
                for (int i = 0; i < n; i++) e[at + i] = (byte) (r.nextBoolean() ? 0xFF : r.nextInt(256));
                System.arraycopy(d, at, e, at + n, d.length - at);
                d = e;
            }
            default -> {  // bits flipped in the header's first 200 bytes, where the tables are
                for (int k = 1 + r.nextInt(3); k > 0; k--) d[r.nextInt(Math.min(200, d.length))] ^= (byte) (1 << r.nextInt(8));
            }
        }
        return d;
    }

    /**
     * A lossless JPEG encoder (T.81 process 14) as small as it can be, to write streams with what the real files lack.
     * Two fixed Huffman tables: short codes, or unary ones up to 16 bits (to reach the decoder's slow path).
     */
    static final class Encoder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long bits;
        private int nbits;

        /** Code lengths (index: length 1 to 16) of the table for categories 0 to 16, in order. */
        static int[] counts(boolean longCodes) {
            int[] c = new int[17];
            if (longCodes) {
                for (int l = 1; l <= 14; l++) c[l] = 1;  // categories 0..13: 0, 10, 110, ...
                c[16] = 3;                                // 14..16; the all-ones code stays unused
            } else {
                c[3] = 4;
                c[4] = 4;
                c[5] = 4;
                c[6] = 4;
                c[7] = 1;
            }
            return c;
        }

        static byte[] encode(int[] x, int rows, int cols, int nc, int precision, int predictor, int pt,
                             int restartInterval, boolean longCodes) {
            Encoder e = new Encoder();
            int[] counts = counts(longCodes);
            int[] code = new int[17], length = new int[17];
            for (int l = 1, c = 0, s = 0; l <= 16; l++, c <<= 1) {
                for (int j = 0; j < counts[l]; j++, s++, c++) {
                    code[s] = c;
                    length[s] = l;
                }
            }
            e.marker(0xD8);
            e.marker(0xC3);
            e.u16(8 + 3 * nc);
            e.out.write(precision);
            e.u16(rows);
            e.u16(cols);
            e.out.write(nc);
            for (int c = 0; c < nc; c++) {
                e.out.write(c + 1);
                e.out.write(0x11);
                e.out.write(0);
            }
            e.marker(0xC4);
            e.u16(2 + 17 + 17);
            e.out.write(0x00);
            for (int l = 1; l <= 16; l++) e.out.write(counts[l]);
            for (int s = 0; s <= 16; s++) e.out.write(s);
            if (restartInterval > 0) {
                e.marker(0xDD);
                e.u16(4);
                e.u16(restartInterval);
            }
            e.marker(0xDA);
            e.u16(6 + 2 * nc);
            e.out.write(nc);
            for (int c = 0; c < nc; c++) {
                e.out.write(c + 1);
                e.out.write(0x00);
            }
            e.out.write(predictor);
            e.out.write(0);
            e.out.write(pt);
            int[] v = new int[x.length];
            for (int i = 0; i < v.length; i++) v[i] = x[i] >> pt;
            int stride = cols * nc, initial = 1 << (precision - pt - 1), restarts = 0;
            for (int pixel = 0; pixel < rows * cols; pixel++) {
                int y = pixel / cols, xx = pixel % cols;
                int sinceRestart = restartInterval > 0 ? pixel % restartInterval : pixel;
                if (restartInterval > 0 && sinceRestart == 0 && pixel > 0) {
                    e.flush();
                    e.marker(0xD0 + (restarts++ & 7));
                }
                // the first row of the image or of a restart interval, as the decoder sees it (whole rows only)
                boolean first = restartInterval > 0 ? sinceRestart < cols : y == 0;
                for (int c = 0; c < nc; c++) {
                    int i = y * stride + xx * nc + c;
                    int pred;
                    if (xx == 0) {
                        pred = first ? initial : v[i - stride];
                    } else if (first) {
                        pred = v[i - nc];
                    } else {
                        int ra = v[i - nc], rb = v[i - stride], rc = v[i - stride - nc];
                        pred = switch (predictor) {
                            case 1 -> ra;
                            case 2 -> rb;
                            case 3 -> rc;
                            case 4 -> ra + rb - rc;
                            case 5 -> ra + ((rb - rc) >> 1);
                            case 6 -> rb + ((ra - rc) >> 1);
                            default -> (ra + rb) >> 1;
                        };
                    }
                    int diff = (v[i] - pred) & 0xFFFF;
                    if (diff > 32768) diff -= 65536;
                    int s = diff == 32768 ? 16 : 32 - Integer.numberOfLeadingZeros(Math.abs(diff));
                    e.put(code[s], length[s]);
                    if (s > 0 && s < 16) e.put(diff > 0 ? diff : diff + (1 << s) - 1, s);
                }
            }
            e.flush();
            e.marker(0xD9);
            return e.out.toByteArray();
        }

        private void marker(int m) {
            out.write(0xFF);
            out.write(m);
        }

        private void u16(int v) {
            out.write(v >> 8);
            out.write(v & 0xFF);
        }

        private void put(int value, int n) {
            bits = bits << n | (value & ((1L << n) - 1));
            nbits += n;
            while (nbits >= 8) {
                int b = (int) (bits >>> (nbits - 8)) & 0xFF;
                out.write(b);
                if (b == 0xFF) out.write(0);  // byte stuffing
                nbits -= 8;
            }
        }

        /** Pads the last byte with 1-bits (T.81 F.1.2.3). */
        private void flush() {
            if (nbits > 0) put(0x7F, 8 - nbits);
        }
    }
}
