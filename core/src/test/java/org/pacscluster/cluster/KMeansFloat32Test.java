package org.pacscluster.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.pacscluster.BaselineReference;

/**
 * The float32 path against scikit-learn 1.2 on float32 data (kmeans_float32.json, written by
 * scripts/kmeans_float32_reference.py): same labels and iteration counts, centres and inertia to float32 rounding,
 * with the native BLAS kernel (when this machine has one) and with the Java fallback.
 *
 * <p>Tolerances: the two sides sum a cluster's rows in different orders (scikit-learn: row order on one thread;
 * here: per 256-row block, then blocks in order), and a float32 sum of m terms is within γ_m Σ|x| of the exact one
 * (γ_m ≈ m·2⁻²⁴), so a centre coordinate may differ by 2(m + 2)·2⁻²⁴·max|x| (m the cluster's size; the +2 covers
 * the reciprocal and the product of the mean). The inertia is a float32 sum over n rows on both sides (row order),
 * of squared distances to those centres: relative difference at most about 2(n + d)·2⁻²⁴.
 */
class KMeansFloat32Test {
    private static final double U = 0x1p-24;

    @Test
    void lloydFromGivenCentresReproducesScikitLearnInFloat32() throws Exception {
        JsonNode ref = reference();
        assertTrue(ref.get("sklearn").asText().startsWith("1.2"), "reference from scikit-learn 1.2");
        for (boolean nativeKernel : new boolean[] {true, false}) {
            if (nativeKernel && NativeBlas.get() == null) {
                System.out.println("no native BLAS here: only the Java float32 kernel is checked");
                continue;
            }
            for (JsonNode c : ref.get("cases")) {
                float[][] x = floats(BaselineReference.matrix(c.get("x")));
                Samples samples = new FloatSamples(x, nativeKernel ? NativeBlas.get() : null);
                KMeansResult r = KMeans.lloyd(samples, BaselineReference.matrix(c.get("init")), 300, 0, true);
                String what = samples.kernel() + ", n=" + x.length + " k=" + c.get("k").asInt();
                assertArrayEquals(BaselineReference.ints(c.get("labels")), r.labels(), what);
                assertEquals(c.get("n_iter").asInt(), r.iterations(), what);
                double maxAbs = 0;
                for (float[] row : x) for (float v : row) maxAbs = Math.max(maxAbs, Math.abs(v));
                int[] size = new int[r.centres().length];
                for (int l : r.labels()) size[l]++;
                double[][] centres = BaselineReference.matrix(c.get("centers"));
                double worst = 0;
                for (int q = 0; q < centres.length; q++) {
                    double bound = 2 * (size[q] + 2) * U * maxAbs;
                    for (int j = 0; j < centres[q].length; j++) {
                        double diff = Math.abs(centres[q][j] - r.centres()[q][j]);
                        worst = Math.max(worst, diff / bound);
                        assertTrue(diff <= bound, what + ": centre " + q + "[" + j + "] off by " + diff + " > " + bound);
                        assertEquals(r.centres()[q][j], (float) r.centres()[q][j], 0, "centres hold float32 values");
                    }
                }
                double inertia = c.get("inertia").asDouble(), rel = Math.abs(inertia - r.inertia()) / inertia;
                System.out.printf("%s: centres worst %.2f of the bound, inertia relative difference %.2e%n", what, worst, rel);
                assertTrue(rel <= 2 * (x.length + x[0].length) * U, what + ": inertia " + r.inertia() + " vs " + inertia);
                assertArrayEquals(r.labels(), r.predict(x), what);
            }
        }
    }

    @Test
    void fitIsTheSameForAnyThreadCountAndRun() throws Exception {
        float[][] x = overlappingBlobs(5000, 40, 9, 3);
        KMeansConfig cfg = KMeansConfig.of(9, 7).withNInit(3);
        KMeansResult a = KMeans.fit(x, cfg);
        System.out.println("float32 fit (" + new FloatSamples(x).kernel() + "): inertia " + a.inertia() + ", iterations "
                + a.iterations() + ", hash " + hash(a));
        for (int threads : new int[] {1, 2, 4, 2}) {
            KMeansResult b = new ForkJoinPool(threads).submit(() -> KMeans.fit(x, cfg)).get();
            assertArrayEquals(a.labels(), b.labels(), threads + " threads");
            assertEquals(a.inertia(), b.inertia(), 0);
            assertEquals(a.iterations(), b.iterations());
            for (int q = 0; q < a.centres().length; q++) assertArrayEquals(a.centres()[q], b.centres()[q], 0);
        }
    }

    @Test
    void boundsGiveExactlyTheFullStepsResultWithTheJavaKernel() {
        // with the Java kernel each row's values depend on that row alone, so skipping rows changes nothing (with
        // BLAS a recomputed row's last bits may depend on the rows computed in the same call)
        float[][] x = overlappingBlobs(3000, 10, 7, 9);
        Samples s = new FloatSamples(x, null);
        for (int k : new int[] {1, 5, 12}) {
            double[][] init = new double[k][];
            for (int q = 0; q < k; q++) init[q] = s.row(q * 17);
            KMeansResult fast = KMeans.lloyd(s, init, 300, 0, true), full = KMeans.lloyd(s, init, 300, 0, false);
            assertArrayEquals(full.labels(), fast.labels(), "k=" + k);
            assertEquals(full.iterations(), fast.iterations());
            assertEquals(full.inertia(), fast.inertia(), 0);
            for (int q = 0; q < k; q++) assertArrayEquals(full.centres()[q], fast.centres()[q], 0);
        }
    }

    @Test
    void float32AndFloat64FitsOfTheSameDataAgreeOnSeparatedBlobs() {
        double[][] x = KMeansTest.blobs(5, 300, 5);
        KMeansConfig cfg = KMeansConfig.of(5, 42).withNInit(4);
        KMeansResult d = KMeans.fit(x, cfg), f = KMeans.fit(floats(x), cfg);
        assertArrayEquals(d.labels(), f.labels());
        assertEquals(d.inertia(), f.inertia(), 1e-5 * d.inertia());
    }

    @Test
    void badFloatInputIsRefused() {
        float[][] nan = {{0, 1}, {Float.NaN, 2}, {3, 3}};
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> KMeans.fit(nan, KMeansConfig.of(2, 0))).getMessage().contains("NaN"));
        float[][] ragged = {{0, 1}, {2}};
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> KMeans.lloyd(ragged, new double[][] {{0, 1}}, 10, 0)).getMessage().contains("different numbers"));
    }

    static float[][] overlappingBlobs(int n, int d, int k, long seed) {
        Random rnd = new Random(seed);
        double[][] centre = new double[k][d];
        for (double[] c : centre) for (int j = 0; j < d; j++) c[j] = 3 * rnd.nextGaussian();
        float[][] x = new float[n][d];
        for (int i = 0; i < n; i++) {
            double[] c = centre[rnd.nextInt(k)];
            for (int j = 0; j < d; j++) x[i][j] = (float) (1 + c[j] + 6 * rnd.nextGaussian());
        }
        return x;
    }

    private static float[][] floats(double[][] x) {
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new float[x[i].length];
            for (int j = 0; j < x[i].length; j++) out[i][j] = (float) x[i][j];
        }
        return out;
    }

    private static int hash(KMeansResult r) {
        return Arrays.hashCode(r.labels()) * 31 + Arrays.deepHashCode(r.centres()) * 17 + Double.hashCode(r.inertia());
    }

    private static JsonNode reference() throws Exception {
        try (InputStream in = KMeansFloat32Test.class.getResourceAsStream("kmeans_float32.json")) {
            if (in == null) throw new IllegalStateException("kmeans_float32.json missing from test resources");
            return new ObjectMapper().readTree(in);
        }
    }
}
