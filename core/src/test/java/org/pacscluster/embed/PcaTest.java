package org.pacscluster.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pacscluster.BaselineReference;
import org.pacscluster.SharedData;
import org.pacscluster.progress.Progress;

class PcaTest {
    private static JsonNode ref;
    private static double[][] images;

    @BeforeAll
    static void decode() throws IOException {
        ref = BaselineReference.read("pca_mednist.json");
        JsonNode entries = ref.get("entries");
        images = new double[entries.size()][];
        try (ZipFile z = new ZipFile(SharedData.mednistZip().toFile())) {
            for (int i = 0; i < images.length; i++) {
                try (InputStream in = z.getInputStream(z.getEntry(entries.get(i).asText()))) {
                    BufferedImage img = ImageIO.read(in);
                    Raster r = img.getRaster();
                    double[] px = new double[img.getWidth() * img.getHeight()];
                    for (int y = 0; y < img.getHeight(); y++) {
                        for (int x = 0; x < img.getWidth(); x++) px[y * img.getWidth() + x] = r.getSample(x, y, 0);
                    }
                    images[i] = px;
                }
            }
        }
    }

    @Test
    void jpegDecodeMatchesTheReferencePixels() {
        JsonNode first5 = ref.get("pixels_uint8_first5");
        int differing = 0, total = 0;
        for (int i = 0; i < 5; i++) {
            int[] expected = BaselineReference.ints(first5.get(i));
            assertEquals(expected.length, images[i].length);
            for (int p = 0; p < expected.length; p++) {
                total++;
                if (expected[p] != (int) images[i][p]) differing++;
                assertTrue(Math.abs(expected[p] - images[i][p]) <= 1, "image " + i + " pixel " + p);
            }
        }
        System.out.println("JPEG decode: " + differing + " of " + total + " pixels differ from the reference (by 1)");
    }

    @Test
    void explainedVarianceRatiosMatchScikitLearn() {
        double[][] x = scaled();
        double[] expected = BaselineReference.doubles(ref.get("explained_variance_ratio"));
        double[] singular = BaselineReference.doubles(ref.get("singular_values"));
        PcaModel exact = new PcaEmbedder(PcaConfig.defaults().withSolver(PcaConfig.Solver.EXACT)).fit(RowSource.of(x), Progress.NONE);
        assertArrayEquals(expected, exact.explainedVarianceRatio(), 1e-6);
        assertArrayEquals(singular, exact.singularValues(), 1e-6 * singular[0]);
        double worst = 0;
        for (int i = 0; i < 20; i++) worst = Math.max(worst, Math.abs(expected[i] - exact.explainedVarianceRatio()[i]));
        System.out.println("PCA exact: worst ratio difference " + worst);
        PcaModel rand = new PcaEmbedder(PcaConfig.defaults().withSolver(PcaConfig.Solver.RANDOMIZED)).fit(RowSource.of(x), Progress.NONE);
        assertArrayEquals(expected, rand.explainedVarianceRatio(), 1e-6);
        // both solvers find the same axes (up to rounding; signs are fixed the same way)
        for (int r = 0; r < 10; r++) assertEquals(1.0, Math.abs(PcaFit.dot(exact.components()[r], rand.components()[r])), 1e-6);
    }

    @Test
    void transformProjectsOntoOrthonormalAxes() {
        double[][] x = scaled();
        PcaModel m = new PcaEmbedder(PcaConfig.defaults().withComponents(5)).fit(RowSource.of(x), Progress.NONE);
        for (int a = 0; a < 5; a++) {
            for (int b = 0; b < 5; b++) assertEquals(a == b ? 1 : 0, PcaFit.dot(m.components()[a], m.components()[b]), 1e-10);
        }
        double[][] z = m.transform(RowSource.of(x));
        // the variance of the projections on axis r is S_r² / (n − 1), and projections are centred
        for (int r = 0; r < 5; r++) {
            double s = 0, ss = 0;
            for (double[] row : z) { s += row[r]; ss += row[r] * row[r]; }
            assertEquals(0, s / z.length, 1e-9);
            assertEquals(m.singularValues()[r] * m.singularValues()[r], ss, 1e-8 * ss);
        }
    }

    @Test
    void eigenSolverReconstructsTheMatrix() {
        Random rnd = new Random(5);
        int n = 12;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j <= i; j++) { a[i][j] = rnd.nextGaussian(); a[j][i] = a[i][j]; }
        SymmetricEigen e = SymmetricEigen.of(a);
        for (int r = 0; r < n; r++) {
            if (r > 0) assertTrue(e.values[r - 1] >= e.values[r]);
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int j = 0; j < n; j++) av += a[i][j] * e.vectors[r][j];
                assertEquals(e.values[r] * e.vectors[r][i], av, 1e-12);
            }
        }
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PcaConfig(0, PcaConfig.Solver.AUTO, 10, 7, 0));
        double[][] one = {{1, 2, 3}};
        assertThrows(IllegalArgumentException.class, () -> new PcaEmbedder(PcaConfig.defaults()).fit(RowSource.of(one), Progress.NONE));
        double[][] small = {{1, 2}, {3, 4}, {5, 7}};
        assertThrows(IllegalArgumentException.class, () -> new PcaEmbedder(PcaConfig.defaults()).fit(RowSource.of(small), Progress.NONE));
        assertThrows(IllegalStateException.class, () -> new PcaEmbedder(PcaConfig.defaults()).dimension());
    }

    private static double[][] scaled() {
        double[][] x = new double[images.length][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[images[i].length];
            for (int p = 0; p < x[i].length; p++) x[i][p] = images[i][p] / 255.0;
        }
        return x;
    }
}
