package org.pacscluster.experiment;

import java.util.List;
import java.util.SplittableRandom;
import org.pacscluster.cluster.KMeans;
import org.pacscluster.cluster.KMeansConfig;
import org.pacscluster.cluster.StudentT;
import org.pacscluster.io.Shuffle;
import org.pacscluster.metrics.LabelMetrics;

/**
 * Choosing K without labels, as a user with an untagged archive must. Three label-free curves over K: the
 * <b>stability</b> of k-means (fitted on two disjoint random halves of the train embedding, the test rows assigned
 * by both, the adjusted Rand index between the two labellings, averaged over a few draws — a K that matches
 * structure in the data gives the same partition from different samples), the test split's <b>silhouette</b>, and
 * the <b>elbow</b> of the train inertia. The suggestion is the K with the best silhouette among the stable ones.
 */
public final class KChoice {
    /** A K counts as stable when its mean ARI between halves reaches this. */
    public static final double STABLE = 0.75;
    /** Draws of two halves per K. */
    static final int DRAWS = 3;
    /** k-means restarts per half (fewer than a full fit's: the curve needs the partition, not the best inertia). */
    static final int RESTARTS = 3;

    private KChoice() {}

    /** Mean ARI over {@value #DRAWS} draws between the test labellings of k-means fitted on two disjoint halves. */
    public static double stability(double[][] trainX, double[][] testX, KMeansConfig cfg, long seed) {
        int half = trainX.length / 2;
        if (half < cfg.k()) return Double.NaN;
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double sum = 0;
        for (int d = 0; d < DRAWS; d++) {
            int[] order = Shuffle.permutation(trainX.length, rng);
            int[] a = labels(trainX, order, 0, half, testX, cfg, rng.nextLong());
            int[] b = labels(trainX, order, half, 2 * half, testX, cfg, rng.nextLong());
            sum += LabelMetrics.ari(a, b);
        }
        return sum / DRAWS;
    }

    private static int[] labels(double[][] x, int[] order, int from, int to, double[][] testX, KMeansConfig cfg, long seed) {
        double[][] part = new double[to - from][];
        for (int i = from; i < to; i++) part[i - from] = x[order[i]];
        KMeansConfig c = new KMeansConfig(cfg.k(), Math.min(RESTARTS, cfg.nInit()), cfg.maxIter(), cfg.tol(), seed);
        return StudentT.assign(testX, KMeans.fit(part, c).centres()).clusters();
    }

    /**
     * The elbow of a decreasing curve: the point farthest from the straight line through its first and last points,
     * both axes scaled to [0, 1]. -1 when there are fewer than three points.
     */
    public static int elbow(int[] ks, double[] inertia) {
        int n = ks.length;
        if (n < 3) return -1;
        double x0 = ks[0], x1 = ks[n - 1], yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
        for (double y : inertia) { yMin = Math.min(yMin, y); yMax = Math.max(yMax, y); }
        if (x1 == x0 || yMax == yMin) return -1;
        double ax = 0, ay = (inertia[0] - yMin) / (yMax - yMin), bx = 1, by = (inertia[n - 1] - yMin) / (yMax - yMin);
        int best = -1;
        double bestDist = -1;
        for (int i = 1; i < n - 1; i++) {
            double px = (ks[i] - x0) / (x1 - x0), py = (inertia[i] - yMin) / (yMax - yMin);
            double dist = Math.abs((by - ay) * px - (bx - ax) * py + bx * ay - by * ax);
            if (dist > bestDist) { bestDist = dist; best = ks[i]; }
        }
        return best;
    }

    /** The suggested K: the best silhouette among the stable K; without a stable one, the most stable K. */
    public static int suggest(List<KSweep.Point> points) {
        KSweep.Point best = null;
        for (KSweep.Point p : points) {
            if (!(p.stability() >= STABLE)) continue;
            if (best == null || p.silhouette() > best.silhouette()) best = p;
        }
        if (best != null) return best.k();
        for (KSweep.Point p : points) if (best == null || p.stability() > best.stability()) best = p;
        return best == null ? -1 : best.k();
    }
}
