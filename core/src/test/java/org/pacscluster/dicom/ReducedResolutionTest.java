package org.pacscluster.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.pacscluster.dataset.Preprocessor;

/**
 * JPEG 2000 decoded without the wavelet levels a small target does not need ({@link ReducedResolution}): the rule,
 * and on every JPEG 2000 file we have, the preprocessed image against full decode + resize (the path pydicom's
 * decode and Pillow's resize are checked against elsewhere).
 */
class ReducedResolutionTest {

    @Test
    void halvesWhileTwiceTheTargetRemains() {
        // RG1_J2KI: 1955 rows x 1841 columns, 5 levels
        assertEquals(1, ReducedResolution.halvings(1955, 1841, 5, 256));   // 978x921 >= 2x(256x241); 489 < 512
        assertEquals(3, ReducedResolution.halvings(1955, 1841, 5, 64));    // 245x231 >= 2x(64x60); 123 < 128
        assertEquals(2, ReducedResolution.halvings(1955, 1841, 2, 64));    // no more than the codestream's levels
        assertEquals(0, ReducedResolution.halvings(1955, 1841, 5, 1024));
        assertEquals(0, ReducedResolution.halvings(1955, 1841, 0, 64));
        assertEquals(0, ReducedResolution.halvings(1955, 1841, 5, 0));     // size 0: full resolution
        assertEquals(0, ReducedResolution.halvings(480, 640, 5, 256));     // 320 < 512
    }

    @Test
    void keepsTheSameRoundedGeometry() {
        // 1000 x 1001 at 64: the full frame's shorter side rounds to 64 (63.94); halved 4 times, 63 x 63 → 64 too,
        // but 2 x 32 x 10 = 64 is not kept: the rule finds the largest r whose rounding agrees
        for (int rows = 300; rows < 1400; rows += 7) {
            for (int cols = 300; cols < 1400; cols += 13) {
                for (int size : new int[] {32, 64, 100}) {
                    int r = ReducedResolution.halvings(rows, cols, 5, size);
                    if (r == 0) continue;
                    int rr = org.pacscluster.dicom.openjpeg.OpenJpeg.reduced(rows, r), rc = org.pacscluster.dicom.openjpeg.OpenJpeg.reduced(cols, r);
                    assertEquals(shorter(rows, cols, size), shorter(rr, rc, size), rows + "x" + cols + " at " + size + ", r " + r);
                    assertTrue(Math.max(rr, rc) >= 2 * size && Math.min(rr, rc) >= 2 * shorter(rows, cols, size));
                }
            }
        }
    }

    @Test
    void thePropertyTurnsItOffForEitherDecoder() throws Exception {
        Jpeg2000DecodersAgreeTest.requireOpenJpeg();
        DicomFile rg1 = (DicomFile) DicomReader.read(org.pacscluster.SharedData.data("dicom").resolve("nema-compsamples/RG1_J2KI"));
        assertEquals(3, rg1.frame(0, true, 64).halvings());
        System.setProperty(Jpeg2000Codec.PROPERTY, "java");
        try {
            assertEquals(3, rg1.frame(0, true, 64).halvings(), "JJ2000 halves as OpenJPEG does");
        } finally {
            System.clearProperty(Jpeg2000Codec.PROPERTY);
        }
        for (String decoder : new String[] {"auto", "java"}) {
            System.setProperty(Jpeg2000Codec.PROPERTY, decoder);
            System.setProperty(Jpeg2000Codec.REDUCE_PROPERTY, "off");
            try {
                GreyFrame g = rg1.frame(0, true, 64);
                assertEquals(0, g.halvings(), "reduce=off with the " + decoder + " decoder");
                assertEquals(1955, g.rows());
            } finally {
                System.clearProperty(Jpeg2000Codec.PROPERTY);
                System.clearProperty(Jpeg2000Codec.REDUCE_PROPERTY);
            }
        }
        assertEquals(java.util.Map.of(), DicomReader.nonDefaultDecoding());
        System.setProperty(Jpeg2000Codec.REDUCE_PROPERTY, "off");
        try {
            // an ingest begun with the reduction off is another ingest than one with it on (its resume key says so)
            assertEquals(java.util.Map.of("jpeg 2000 resolution", "full"), DicomReader.nonDefaultDecoding());
        } finally {
            System.clearProperty(Jpeg2000Codec.REDUCE_PROPERTY);
        }
        System.setProperty(Jpeg2000Codec.REDUCE_PROPERTY, "sometimes");
        try {
            DicomRejectedException e = org.junit.jupiter.api.Assertions.assertThrows(DicomRejectedException.class,
                    () -> rg1.frame(0, true, 64));
            assertEquals("-Dpacscluster.j2k.reduce must be auto or off, not 'sometimes'", e.reason());
        } finally {
            System.clearProperty(Jpeg2000Codec.REDUCE_PROPERTY);
        }
    }

    /**
     * JJ2000 (the decoder of machines without OpenJPEG) halves as OpenJPEG does: on every JPEG 2000 file, the same
     * halvings and grid, and the preprocessed image within the two decoders' usual rounding of each other.
     */
    @Test
    void theJavaDecoderHalvesAsOpenJpegDoes() throws Exception {
        Jpeg2000DecodersAgreeTest.requireOpenJpeg();
        List<String> lines = new ArrayList<>();
        int halvedFiles = 0;
        double worst = 0;
        for (Jpeg2000DecodersAgreeTest.J2kFile j : Jpeg2000DecodersAgreeTest.jpeg2000Files()) {
            DicomFile f = j.file();
            String name = j.path().getParent().getFileName() + "/" + j.path().getFileName();
            int index = f.frameCount() / 2;
            for (int size : new int[] {64, 256}) {
                GreyFrame openJpeg;
                try {
                    openJpeg = f.frame(index, true, size);
                } catch (DicomRejectedException e) {
                    continue;  // a file the decoders refuse (the conformance test says why)
                }
                GreyFrame jj2000;
                System.setProperty(Jpeg2000Codec.PROPERTY, "java");
                try {
                    jj2000 = f.frame(index, true, size);
                } finally {
                    System.clearProperty(Jpeg2000Codec.PROPERTY);
                }
                assertEquals(openJpeg.halvings(), jj2000.halvings(), name + " at " + size);
                assertEquals(openJpeg.rows(), jj2000.rows(), name + " at " + size);
                assertEquals(openJpeg.columns(), jj2000.columns(), name + " at " + size);
                if (openJpeg.halvings() == 0) continue;
                if (size == 64) halvedFiles++;
                Preprocessor pre = new Preprocessor(size);
                float[] a = pre.apply(openJpeg.values(), f.rows(), f.columns(), openJpeg.halvings());
                float[] b = pre.apply(jj2000.values(), f.rows(), f.columns(), jj2000.halvings());
                double max = 0;
                for (int i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
                worst = Math.max(worst, max);
                lines.add(String.format(Locale.ROOT, "  [j2k-reduce] %s at %d: %d halvings, JJ2000 vs OpenJPEG max |diff| %.5f",
                        name, size, openJpeg.halvings(), max));
            }
        }
        lines.forEach(System.out::println);
        assertTrue(halvedFiles > 0, "no JPEG 2000 file large enough to be halved");
        assertTrue(worst <= JJ2000_TOLERANCE, "JJ2000's halved images differ from OpenJPEG's by up to " + worst);
    }

    /** The worst seen (2026-12-01): 0.00075 (JPEG2000.dcm at 256); one 8-bit level is 0.0039. */
    static final double JJ2000_TOLERANCE = 0.002;

    /**
     * Damaged codestreams on the halving path, with either decoder: a frame of the right size, or a rejection with a
     * reason, nothing else.
     */
    @Test
    void damagedCodestreamsAreDecodedOrRejectedOnTheHalvingPathToo() throws Exception {
        Jpeg2000DecodersAgreeTest.requireOpenJpeg();
        byte[] file = java.nio.file.Files.readAllBytes(org.pacscluster.SharedData.data("dicom").resolve("nema-compsamples/RG1_J2KI"));
        DicomFile clean = (DicomFile) DicomReader.read(file, "RG1_J2KI");
        byte[] frame = clean.encodedFrame(0);
        int start = indexOf(file, java.util.Arrays.copyOf(frame, 64));
        assertTrue(start > 0, "codestream not found in the file");
        for (String decoder : new String[] {"auto", "java"}) {
            java.util.Random random = new java.util.Random(20261201);
            int decoded = 0, rejected = 0;
            System.setProperty(Jpeg2000Codec.PROPERTY, decoder);
            try {
                for (int c = 0; c < 60; c++) {
                    byte[] bad = file.clone();
                    int span = c % 2 == 0 ? 300 : frame.length;
                    for (int k = 1 + random.nextInt(8); k > 0; k--) bad[start + random.nextInt(span)] = (byte) random.nextInt(256);
                    try {
                        GreyFrame g = DicomReader.read(bad, "damaged").frame(0, true, 64);
                        assertEquals(Preprocessor.halved(1955, g.halvings()) * Preprocessor.halved(1841, g.halvings()),
                                g.values().length);
                        decoded++;
                    } catch (DicomRejectedException e) {
                        assertTrue(e.reason() != null && !e.reason().isBlank() && !e.reason().contains("\n"), e.reason());
                        rejected++;
                    }
                }
            } finally {
                System.clearProperty(Jpeg2000Codec.PROPERTY);
            }
            System.out.printf(Locale.ROOT, "  [j2k-reduce] 60 damaged RG1_J2KI, %s decoder: %d decoded, %d rejected%n",
                    decoder, decoded, rejected);
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    private static long shorter(int rows, int cols, int size) {
        return Math.max(1, Math.round((double) Math.min(rows, cols) * size / Math.max(rows, cols)));
    }

    /**
     * Every JPEG 2000 file: the reduced path's S×S image against full decode + resize, at S = 64 (ingest's usual size)
     * and 256 (the paper's). Both are min–max scaled to [0,1], so the differences below are fractions of the range.
     */
    @Test
    void reducedDecodeStaysCloseToFullDecodeAndResize() throws Exception {
        Jpeg2000DecodersAgreeTest.requireOpenJpeg();
        List<String> lines = new ArrayList<>(), failures = new ArrayList<>();
        int reducedFiles = 0;
        double worstMean = 0, worstMax = 0;
        for (Jpeg2000DecodersAgreeTest.J2kFile j : Jpeg2000DecodersAgreeTest.jpeg2000Files()) {
            DicomFile f = j.file();
            String name = j.path().getParent().getFileName() + "/" + j.path().getFileName();
            int index = f.frameCount() / 2;
            float[] full;
            try {
                full = f.frame(index, true);
            } catch (DicomRejectedException e) {
                continue;  // a file the decoders refuse (the conformance test says why)
            }
            for (int size : new int[] {64, 256}) {
                Preprocessor pre = new Preprocessor(size);
                GreyFrame g = f.frame(index, true, size);
                float[] want = pre.apply(full, f.rows(), f.columns());
                if (g.halvings() == 0) {
                    assertArrayEquals(want, pre.apply(g.values(), g.rows(), g.columns()), name + " at " + size);
                    continue;
                }
                if (size == 64) reducedFiles++;
                float[] got = pre.apply(g.values(), f.rows(), f.columns(), g.halvings());
                double sum = 0, max = 0;
                for (int i = 0; i < want.length; i++) {
                    double d = Math.abs(got[i] - want[i]);
                    sum += d;
                    max = Math.max(max, d);
                }
                double mean = sum / want.length;
                worstMean = Math.max(worstMean, mean);
                worstMax = Math.max(worstMax, max);
                lines.add(String.format(Locale.ROOT, "  [j2k-reduce] %s %dx%d at %d: %d halvings (%dx%d), mean |diff| %.4f, max %.4f",
                        name, f.rows(), f.columns(), size, g.halvings(), g.rows(), g.columns(), mean, max));
                if (mean > MEAN_TOLERANCE || max > MAX_TOLERANCE) failures.add(lines.get(lines.size() - 1));
            }
        }
        lines.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "  [j2k-reduce] %d files halved at 64; worst mean |diff| %.4f, worst max %.4f%n",
                reducedFiles, worstMean, worstMax);
        assertTrue(reducedFiles > 0, "no JPEG 2000 file large enough to be halved");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** The worst seen on these files (2026-12-01): mean 0.0049, max 0.119 (US1_J2KR at 64; 8 bits are steps of 0.0039). */
    static final double MEAN_TOLERANCE = 0.008, MAX_TOLERANCE = 0.16;
}
