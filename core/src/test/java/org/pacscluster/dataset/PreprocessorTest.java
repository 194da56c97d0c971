package org.pacscluster.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessorTest {

    @Test
    void constantImageBecomesAllZero() {
        float[] out = new Preprocessor(16).apply(filled(20 * 20, 7f), 20, 20);
        for (float v : out) assertEquals(0f, v);
    }

    @Test
    void scalesToUnitRange() {
        float[] img = new float[32 * 32];
        for (int i = 0; i < img.length; i++) img[i] = -1000 + i;        // e.g. Hounsfield units
        float[] out = new Preprocessor(32).apply(img, 32, 32);
        assertEquals(0f, out[0], 1e-6);
        assertEquals(1f, out[out.length - 1], 1e-6);
    }

    @Test
    void wideImageIsCentredWithBlackPaddingAboveAndBelow() {
        float[] img = filled(32 * 64, 0);
        for (int i = 0; i < img.length; i++) img[i] = 1 + (i % 64);    // never 0: padding must come from the canvas
        float[] out = new Preprocessor(64).apply(img, 32, 64);
        for (int x = 0; x < 64; x++) {
            assertEquals(0f, out[x], "top padding");
            assertEquals(0f, out[15 * 64 + x], "last padding row");
            assertEquals(0f, out[48 * 64 + x], "bottom padding");
        }
        assertEquals(1f, out[16 * 64 + 63], 1e-6);   // content starts on row 16 = (64 − 32) / 2
    }

    @Test
    void tallImageKeepsItsAspectRatio() {
        float[] out = new Preprocessor(20).apply(filled(40 * 10, 0, 1), 40, 10);  // → 20 × 5, centred at columns 7..11
        for (int y = 0; y < 20; y++) {
            assertEquals(0f, out[y * 20 + 6]);
            assertEquals(0f, out[y * 20 + 12]);
        }
    }

    @Test
    void rejectsSillySizes() {
        assertThrows(IllegalArgumentException.class, () -> new Preprocessor(2));
        assertThrows(IllegalArgumentException.class, () -> new Preprocessor(64).apply(new float[0], 0, 0));
    }

    /** Independent truth: Pillow's bilinear resize (antialiased, 32-bit float mode) on the same random image. */
    @Test
    void resizeMatchesPillowBilinear(@TempDir Path tmp) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "needs /usr/bin/python3 with Pillow");
        int[][] shapes = {{37, 53, 16, 23}, {20, 30, 64, 96}, {300, 200, 64, 43}, {64, 64, 256, 256}};
        Random rng = new Random(3);
        for (int[] s : shapes) {
            int rows = s[0], cols = s[1], outH = s[2], outW = s[3];
            float[] img = new float[rows * cols];
            for (int i = 0; i < img.length; i++) img[i] = rng.nextFloat() * 255;
            Path in = tmp.resolve("in.f32"), out = tmp.resolve("out.f32");
            ByteBuffer b = ByteBuffer.allocate(img.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : img) b.putFloat(v);
            Files.write(in, b.array());
            String script = "import numpy as np, sys\nfrom PIL import Image\n"
                    + "a=np.fromfile(sys.argv[1],dtype='<f4').reshape(" + rows + "," + cols + ")\n"
                    + "r=np.asarray(Image.fromarray(a,mode='F').resize((" + outW + "," + outH + "),Image.BILINEAR),dtype='<f4')\n"
                    + "r.tofile(sys.argv[2])\n";
            Process p = new ProcessBuilder(python.toString(), "-c", script, in.toString(), out.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            assumeTrue(p.waitFor() == 0, "Pillow not available: " + log);
            ByteBuffer r = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
            float[] expected = new float[outH * outW];
            for (int i = 0; i < expected.length; i++) expected[i] = r.getFloat();
            float[] ours = Preprocessor.resize(img, rows, cols, outH, outW);
            assertArrayEquals(expected, ours, 2e-3f, "resize " + rows + "x" + cols + " -> " + outH + "x" + outW);
        }
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static float[] filled(int n, float v, float step) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = v + i * step;
        return a;
    }

    /**
     * A halved grid is placed where its samples come from: for a ramp v = 3·x + 2·y, the low-pass sample k of a grid
     * halved h times is the ramp at full-resolution pixel 2^h·k (any symmetric normalised low-pass keeps a linear
     * function), so resizing that grid must give what resizing the full ramp gives, away from the borders (where the
     * kernels are cut), up to the discrete kernel's own error: its weights' centroid is off the centre by a fraction
     * of a sample, up to 3 here at h = 3 (8-pixel samples), either way, so on average it cancels. Placing sample k in
     * the middle of its 2^h pixels instead would be off by 2.5·(2^h − 1) everywhere: 2.5, 7.5, 17.5.
     */
    @Test
    void aHalvedGridIsResizedFromWhereItsSamplesCameFrom() {
        int rows = 300, cols = 420, outH = 23, outW = 32;
        float[] full = new float[rows * cols];
        for (int y = 0; y < rows; y++) for (int x = 0; x < cols; x++) full[y * cols + x] = 3 * x + 2 * y;
        float[] want = Preprocessor.resize(full, rows, cols, outH, outW);
        for (int h = 1; h <= 3; h++) {
            int gr = Preprocessor.halved(rows, h), gc = Preprocessor.halved(cols, h);
            float[] grid = new float[gr * gc];
            for (int y = 0; y < gr; y++) for (int x = 0; x < gc; x++) grid[y * gc + x] = 3 * (x << h) + 2 * (y << h);
            float[] got = Preprocessor.resizeHalved(grid, rows, cols, h, outH, outW);
            double bias = 0, worst = 0;
            int n = 0;
            for (int y = 2; y < outH - 2; y++) {
                for (int x = 2; x < outW - 2; x++, n++) {
                    double d = got[y * outW + x] - want[y * outW + x];
                    bias += d;
                    worst = Math.max(worst, Math.abs(d));
                }
            }
            assertEquals(0, bias / n, 0.5, "mean difference at halvings " + h + " (values 0 to 1858)");
            assertEquals(0, worst, 4, "largest difference at halvings " + h);
        }
        float[] small = new float[Preprocessor.halved(rows, 2) * Preprocessor.halved(cols, 2)];
        assertEquals(32 * 32, new Preprocessor(32).apply(small, rows, cols, 2).length);
        assertThrows(IllegalArgumentException.class, () -> new Preprocessor(32).apply(new float[10], rows, cols, 2));
    }
}
