package org.pacscluster.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.pacscluster.BaselineReference;
import org.pacscluster.metrics.LabelMetrics;

class KMeansTest {
    @Test
    void lloydFromGivenCentresReproducesScikitLearn() {
        JsonNode cases = BaselineReference.read("kmeans_lloyd.json").get("cases");
        assertEquals(2, cases.size());
        for (JsonNode c : cases) {
            double[][] x = BaselineReference.matrix(c.get("x"));
            KMeansResult r = KMeans.lloyd(x, BaselineReference.matrix(c.get("init")), 300, 0);
            assertArrayEquals(BaselineReference.ints(c.get("labels")), r.labels());
            double[][] centres = BaselineReference.matrix(c.get("centers"));
            double worst = 0;
            for (int q = 0; q < centres.length; q++) {
                assertArrayEquals(centres[q], r.centres()[q], 1e-9);
                for (int j = 0; j < centres[q].length; j++) worst = Math.max(worst, Math.abs(centres[q][j] - r.centres()[q][j]));
            }
            System.out.println("k-means n=" + x.length + ": centres worst difference " + worst + ", inertia difference "
                    + Math.abs(c.get("inertia").asDouble() - r.inertia()));
            assertEquals(c.get("inertia").asDouble(), r.inertia(), 1e-9 * c.get("inertia").asDouble());
            assertEquals(c.get("n_iter").asInt(), r.iterations());
            assertArrayEquals(r.labels(), r.predict(x));
        }
    }

    @Test
    void distanceStepMatchesDirectDistances() {
        Random rnd = new Random(3);
        double[][] x = new double[700][13], c = new double[7][13];
        for (double[] row : x) for (int j = 0; j < 13; j++) row[j] = rnd.nextGaussian();
        for (double[] row : c) for (int j = 0; j < 13; j++) row[j] = rnd.nextGaussian();
        int[] labels = KMeans.assignAll(new DoubleSamples(x), c);
        for (int i = 0; i < x.length; i++) {
            int best = 0;
            for (int q = 1; q < c.length; q++) {
                if (NearestCentre.squaredDistance(x[i], c[q]) < NearestCentre.squaredDistance(x[i], c[best])) best = q;
            }
            assertEquals(best, labels[i], "row " + i);
        }
    }

    @Test
    void plusPlusSeedingPicksDistinctSpreadPoints() {
        double[][] x = blobs(4, 50, 11);
        double[][] seeds = KMeans.seedPlusPlus(new DoubleSamples(x), NearestCentre.squaredNorms(x), 4, new SplittableRandom(1));
        // with blobs 20 apart and sd 1, greedy D² seeding lands one seed in each blob
        Set<Long> blobsHit = new HashSet<>();
        for (double[] s : seeds) blobsHit.add(Math.round(s[0] / 20));
        assertEquals(4, blobsHit.size());
    }

    @Test
    void fitRecoversBlobsAndIsDeterministicAcrossThreadCounts() throws Exception {
        double[][] x = blobs(5, 300, 5);
        int[] truth = new int[x.length];
        for (int i = 0; i < x.length; i++) truth[i] = i / 300;
        KMeansConfig cfg = KMeansConfig.of(5, 42).withNInit(4);
        KMeansResult a = KMeans.fit(x, cfg);
        assertEquals(1.0, LabelMetrics.nmi(truth, a.labels()), 1e-12);
        KMeansResult b = new ForkJoinPool(1).submit(() -> KMeans.fit(x, cfg)).get();
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(a.inertia(), b.inertia(), 0);
        for (int q = 0; q < 5; q++) assertArrayEquals(a.centres()[q], b.centres()[q], 0);
    }

    @Test
    void boundsGiveExactlyTheResultOfFullDistanceSteps() {
        Random rnd = new Random(9);
        // overlapping blobs (many rows near the boundaries), integer grid data (exact ties), and a far initial
        // centre that empties its cluster (relocation with stale distances)
        double[][] overlapping = new double[3000][10];
        for (int i = 0; i < overlapping.length; i++) {
            for (int j = 0; j < 10; j++) overlapping[i][j] = (i % 7) * 0.8 + rnd.nextGaussian();
        }
        double[][] grid = new double[1500][3];
        for (double[] row : grid) for (int j = 0; j < 3; j++) row[j] = rnd.nextInt(5);
        for (double[][] x : new double[][][] {overlapping, grid}) {
            for (int k : new int[] {1, 5, 12}) {
                double[][] init = new double[k][];
                for (int q = 0; q < k; q++) init[q] = x[rnd.nextInt(x.length)].clone();
                if (k > 1) java.util.Arrays.fill(init[k - 1], 1e3);
                Samples samples = new DoubleSamples(x);
                KMeansResult fast = KMeans.lloyd(samples, init, 300, 0, true);
                KMeansResult full = KMeans.lloyd(samples, init, 300, 0, false);
                assertArrayEquals(full.labels(), fast.labels(), "k=" + k);
                assertEquals(full.iterations(), fast.iterations());
                assertEquals(full.inertia(), fast.inertia(), 0);
                for (int q = 0; q < k; q++) assertArrayEquals(full.centres()[q], fast.centres()[q], 0);
            }
        }
    }

    @Test
    void toleranceIsScaledByMeanVariance() {
        double[][] x = {{0, 0}, {2, 4}};
        // variances 1 and 4 → mean 2.5
        assertEquals(2.5e-4, KMeans.absoluteTolerance(new DoubleSamples(x), 1e-4), 1e-18);
        assertEquals(0.0, KMeans.absoluteTolerance(new DoubleSamples(x), 0));
    }

    @Test
    void emptyClusterTakesTheFarthestPoint() {
        double[][] x = {{0}, {1}, {2}, {10}};
        // the second centre is far from everything and gets no points in the first step
        KMeansResult r = KMeans.lloyd(x, new double[][] {{1}, {100}}, 50, 0);
        assertEquals(1, r.labels()[3]);
        assertArrayEquals(new double[] {10}, r.centres()[1], 1e-12);
    }

    @Test
    void badInputIsRefusedWithClearMessages() {
        double[][] nan = {{0, 1}, {Double.NaN, 2}, {3, 3}};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KMeans.fit(nan, KMeansConfig.of(2, 0)))
                .getMessage().contains("NaN"));
        double[][] two = {{0}, {1}};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KMeans.fit(two, KMeansConfig.of(3, 0)))
                .getMessage().contains("larger than the number of samples"));
        assertThrows(IllegalArgumentException.class, () -> KMeans.fit(new double[0][], KMeansConfig.of(1, 0)));
        assertThrows(IllegalArgumentException.class, () -> KMeansConfig.of(0, 0));
    }

    static double[][] blobs(int k, int per, long seed) {
        Random rnd = new Random(seed);
        double[][] x = new double[k * per][3];
        for (int i = 0; i < x.length; i++) {
            int c = i / per;
            x[i][0] = 20 * c + rnd.nextGaussian();
            x[i][1] = 5 * (c % 2) + rnd.nextGaussian();
            x[i][2] = rnd.nextGaussian();
        }
        return x;
    }
}
