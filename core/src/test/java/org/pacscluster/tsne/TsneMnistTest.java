package org.pacscluster.tsne;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Is our t-SNE a faithful t-SNE? On 2,000 real MNIST digits, its trustworthiness must reach scikit-learn's TSNE on
 * the same digits (numbers from src/test/python/tsne_reference.py, stored in tsne_sklearn_mnist.json) minus 0.02,
 * and the digit classes must stay apart in 2-D.
 */
class TsneMnistTest {
    private static MnistSample digits;
    private static TsneResult map;

    @BeforeAll
    static void embed() throws Exception {
        digits = MnistSample.firstTestDigits(2000);
        map = Tsne.embed(digits.pixels(), 0);
        System.out.printf("t-SNE of 2000 MNIST digits: %.1f s, KL %.4f%n", map.seconds(), map.klDivergence());
    }

    @Test
    void trustworthinessMatchesScikitLearn() throws Exception {
        JsonNode runs = sklearnReference().path("runs").path("2000");
        double reference = 0;
        int count = 0;
        for (JsonNode r : runs) {
            if (!r.path("pca50_first").asBoolean()) { reference += r.path("trustworthiness_k10").asDouble(); count++; }
        }
        assertTrue(count > 0, "reference file has no runs for n=2000");
        reference /= count;
        double ours = MapQuality.trustworthiness(digits.pixels(), map.xy(), 10);
        System.out.printf("trustworthiness k=10: ours %.4f, scikit-learn %.4f%n", ours, reference);
        assertTrue(ours >= reference - 0.02, "trustworthiness " + ours + " < scikit-learn's " + reference + " - 0.02");
    }

    @Test
    void trustworthinessIsScikitLearnsOnAFixedLinearMap() throws Exception {
        JsonNode check = sklearnReference().path("trustworthiness_check");
        int n = check.path("n").asInt();
        double[][] x = java.util.Arrays.copyOf(digits.pixels(), n);
        double[][] y = new double[n][2];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 784; j++) {
                y[i][0] += x[i][j] * Math.sin(j + 1);
                y[i][1] += x[i][j] * Math.cos(j + 1);
            }
        }
        // one unit of rank penalty moves T by 2 / (n k (2n - 3k - 1)) ≈ 1e-7 here; scikit-learn computes distances
        // as |x|² + |y|² - 2x·y, whose rounding can flip a near-tie, so allow a few units
        assertEquals(check.path("k5").asDouble(), MapQuality.trustworthiness(x, y, 5), 1e-6);
        assertEquals(check.path("k10").asDouble(), MapQuality.trustworthiness(x, y, 10), 1e-6);
    }

    @Test
    void reachesTheKlDivergenceOfScikitLearnOnTheSameAffinities() throws Exception {
        // scikit-learn run on the same 50 principal components optimises the same objective as ours
        double reference = Double.NaN;
        for (JsonNode r : sklearnReference().path("runs").path("2000")) {
            if (r.path("pca50_first").asBoolean()) reference = r.path("kl_divergence").asDouble();
        }
        System.out.printf("KL divergence: ours %.4f, scikit-learn (PCA 50 first) %.4f%n", map.klDivergence(), reference);
        assertTrue(map.klDivergence() <= reference * 1.03, "KL " + map.klDivergence() + " vs scikit-learn " + reference);
        assertTrue(map.klDivergence() > 0.5, "implausibly low KL " + map.klDivergence());
    }

    @Test
    void digitsStayApartInTwoDimensions() {
        double acc = MapQuality.knnAccuracy(map.xy(), digits.labels(), 10);
        System.out.printf("leave-one-out 10-NN accuracy in 2-D: %.4f%n", acc);
        assertTrue(acc >= 0.85, "10-NN accuracy in the map is only " + acc);
    }

    @Test
    void sameSeedGivesSameMapWhateverTheThreads() throws Exception {
        double[][] x = new double[300][];
        System.arraycopy(digits.pixels(), 0, x, 0, 300);
        TsneConfig cfg = TsneConfig.builder().optIterations(300).optSeed(7).build();
        // parallel streams run in the pool of the task that starts them: 1 thread against 3 threads
        TsneResult a = new java.util.concurrent.ForkJoinPool(1).submit(() -> Tsne.embed(x, cfg)).get();
        TsneResult b = new java.util.concurrent.ForkJoinPool(3).submit(() -> Tsne.embed(x, cfg)).get();
        for (int i = 0; i < x.length; i++) assertArrayEquals(a.xy()[i], b.xy()[i], 0.0);
    }

    static JsonNode sklearnReference() throws Exception {
        try (InputStream in = TsneMnistTest.class.getResourceAsStream("tsne_sklearn_mnist.json")) {
            if (in == null) throw new IllegalStateException("tsne_sklearn_mnist.json missing from test resources");
            return new ObjectMapper().readTree(in);
        }
    }
}
