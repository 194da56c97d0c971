package org.pacscluster.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pacscluster.cluster.KMeansConfig;

/** One test per step of choosing K without labels: stability, elbow, the suggestion rule. */
class KChoiceTest {
    /** Three tight, well-separated blobs in 2-d. */
    private static double[][] blobs(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] centres = {{0, 0}, {10, 0}, {0, 10}};
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] c = centres[i % 3];
            x[i] = new double[] {c[0] + rng.nextGaussian(), c[1] + rng.nextGaussian()};
        }
        return x;
    }

    @Test
    void thePartitionTheDataHaveIsStableAndAnArbitraryOneIsNot() {
        double[][] train = blobs(600, 1), test = blobs(300, 2);
        double at3 = KChoice.stability(train, test, new KMeansConfig(3, 3, 300, 1e-4, 0), 7);
        double at8 = KChoice.stability(train, test, new KMeansConfig(8, 3, 300, 1e-4, 0), 7);
        assertTrue(at3 > 0.99, "K=3 on three blobs: ARI " + at3);
        assertTrue(at8 < at3 - 0.1, "K=8 splits blobs arbitrarily: ARI " + at8 + " vs " + at3);
    }

    @Test
    void elbowIsThePointFarthestFromTheChord() {
        // a sharp bend at K=3: the chord from (2,100) to (6,0) passes far above (3,10)
        assertEquals(3, KChoice.elbow(new int[] {2, 3, 4, 5, 6}, new double[] {100, 10, 6, 3, 0}));
        assertEquals(-1, KChoice.elbow(new int[] {2, 3}, new double[] {5, 1}), "too few points");
    }

    @Test
    void suggestionIsTheBestSilhouetteAmongStableK() {
        List<KSweep.Point> points = List.of(point(2, 0.95, 0.30), point(5, 0.80, 0.45), point(9, 0.60, 0.60));
        assertEquals(5, KChoice.suggest(points), "K=9 has the best silhouette but is unstable");
        assertEquals(9, KChoice.suggest(List.of(point(4, 0.5, 0.1), point(9, 0.6, 0.2))), "none stable: the most stable");
    }

    private static KSweep.Point point(int k, double stability, double silhouette) {
        return new KSweep.Point(k, 0, stability, silhouette, 0, 0, 0, 0);
    }
}
