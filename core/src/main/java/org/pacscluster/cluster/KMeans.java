package org.pacscluster.cluster;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * k-means as scikit-learn 1.2 runs it (algorithm "lloyd"): greedy k-means++ seeding with 2 + ⌊ln k⌋ local trials,
 * {@code nInit} restarts keeping the lowest inertia, Lloyd iterations until no label changes or the centres move
 * (sum of squared shifts) no more than tol × the mean feature variance, empty clusters re-seeded with the points
 * farthest from their centres. As scikit-learn, float32 data ({@code float[][]}) are clustered in float32 (distances
 * by BLAS {@code sgemm}, sums, means and inertia rounded to float32) and float64 data in float64; the algorithm is
 * written once against {@link Samples}, which holds the rows in their precision and supplies the distance kernel.
 * The distance step runs in parallel over fixed row blocks and skips the rows whose {@link HamerlyBounds} prove
 * their label unchanged; every sum is reduced in block order, so a seed gives the same result on any number of cores.
 */
public final class KMeans {
    private KMeans() {}

    public static KMeansResult fit(double[][] x, KMeansConfig cfg) {
        validate(x, cfg.k());
        return fit(new DoubleSamples(x), cfg);
    }

    /** k-means of float32 rows, computed in float32 (scikit-learn's rule for float32 input); centres hold floats. */
    public static KMeansResult fit(float[][] x, KMeansConfig cfg) {
        validate(x, cfg.k());
        return fit(new FloatSamples(x), cfg);
    }

    static KMeansResult fit(Samples x, KMeansConfig cfg) {
        double tol = absoluteTolerance(x, cfg.tol());
        double[] seedNorms = x.doubleNorms();
        SplittableRandom seeds = new SplittableRandom(cfg.seed());
        KMeansResult best = null;
        for (int r = 0; r < cfg.nInit(); r++) {
            SplittableRandom rng = new SplittableRandom(seeds.nextLong());
            KMeansResult res = lloyd(x, seedPlusPlus(x, seedNorms, cfg.k(), rng), cfg.maxIter(), tol, true);
            if (best == null || res.inertia() < best.inertia()) best = res;
        }
        return best;
    }

    /**
     * Lloyd iterations from given initial centres (copied, not modified). {@code tol} is absolute here: the run
     * stops when the summed squared centre shift is ≤ tol (scikit-learn's internal rule after scaling).
     */
    public static KMeansResult lloyd(double[][] x, double[][] init, int maxIter, double tol) {
        validate(x, init.length);
        return lloyd(new DoubleSamples(x), init, maxIter, tol, true);
    }

    /** As {@link #lloyd(double[][], double[][], int, double)} in float32; the initial centres are rounded to float32. */
    public static KMeansResult lloyd(float[][] x, double[][] init, int maxIter, double tol) {
        validate(x, init.length);
        return lloyd(new FloatSamples(x), init, maxIter, tol, true);
    }

    /** {@code useBounds} false: every row's distances every step (the reference the bounds must reproduce). */
    static KMeansResult lloyd(Samples x, double[][] init, int maxIter, double tol, boolean useBounds) {
        int n = x.n, d = x.d, k = init.length;
        if (maxIter < 1) throw new IllegalArgumentException("maxIter must be at least 1, got " + maxIter);
        if (!(tol >= 0)) throw new IllegalArgumentException("tol must be >= 0, got " + tol);
        double[][] centres = new double[k][];
        for (int q = 0; q < k; q++) {
            if (init[q].length != d) throw new IllegalArgumentException("initial centres have " + init[q].length + " features, data has " + d);
            centres[q] = new double[d];
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(init[q][j])) throw new IllegalArgumentException("initial centres contain NaN or infinite values");
                centres[q][j] = x.round(init[q][j]);
            }
        }
        int[] labels = new int[n], previous = new int[n];
        Arrays.fill(previous, -1);
        double[] dist = new double[n];
        HamerlyBounds bounds = useBounds ? new HamerlyBounds(x) : null;
        // per-block cluster sums, kept between steps: a block whose labels did not change keeps its sums
        double[][][] partial = new double[NearestCentre.blocks(n)][][];
        long[][] partialCount = new long[partial.length][];
        boolean strict = false;
        int it = 0;
        while (it < maxIter) {
            it++;
            double[][] next = step(x, centres, labels, dist, bounds, partial, partialCount);
            double shift = 0;
            double[] moved = new double[k];
            for (int q = 0; q < k; q++) {
                moved[q] = NearestCentre.squaredDistance(next[q], centres[q]);
                shift += moved[q];
            }
            if (bounds != null) bounds.moved(moved, labels);
            centres = next;
            if (Arrays.equals(labels, previous)) { strict = true; break; }
            if (shift <= tol) break;
            System.arraycopy(labels, 0, previous, 0, n);
        }
        if (!strict) labels = assignAll(x, centres);
        return new KMeansResult(centres, labels, inertia(x, centres, labels), it);
    }

    /** Which kernel computes float32 distances on this machine (for reports): native BLAS sgemm or Java loops. */
    public static String float32Kernel() { return NativeBlas.describe(); }

    /** Labels of all rows for the given centres (the final E-step, and predict), parallel over fixed blocks. */
    static int[] assignAll(Samples x, double[][] centres) {
        int[] labels = new int[x.n];
        Samples.Centres c = x.centres(centres);
        IntStream.range(0, NearestCentre.blocks(x.n)).parallel().forEach(b -> {
            int from = b * NearestCentre.BLOCK, to = Math.min(x.n, from + NearestCentre.BLOCK);
            int[] rows = IntStream.range(from, to).toArray();
            x.nearest(rows, rows.length, c, labels, null, null, null);
        });
        return labels;
    }

    /**
     * One Lloyd step: assign every row to its nearest centre (into labels, dist) and return the new means. Rows
     * whose {@link HamerlyBounds} prove that their label stays skip the distances (the label is then exactly what
     * the full step would give; their {@code dist} entry is stale, so a step with an empty cluster, the only user of
     * dist, recomputes all rows). Sums run per block in row order, then over blocks in order, as without bounds;
     * a block's sums ({@code partial}, {@code partialCount}: null before the first step) are recomputed only when
     * one of its labels changed, which gives the same numbers as recomputing them.
     */
    private static double[][] step(Samples x, double[][] centres, int[] labels, double[] dist,
                                   HamerlyBounds bounds, double[][][] partial, long[][] partialCount) {
        int n = x.n, d = x.d, k = centres.length;
        Samples.Centres c = x.centres(centres);
        if (bounds != null) bounds.centres(c);
        int blocks = NearestCentre.blocks(n);
        java.util.concurrent.atomic.AtomicInteger skipped = new java.util.concurrent.atomic.AtomicInteger();
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int from = b * NearestCentre.BLOCK, to = Math.min(n, from + NearestCentre.BLOCK);
            int[] todo = new int[to - from];
            int m = 0;
            for (int i = from; i < to; i++) {
                int a = labels[i];
                if (bounds == null || !bounds.settled(i, a, centres[a], c.norms[a])) todo[m++] = i;
            }
            skipped.addAndGet(to - from - m);
            double[] best = new double[m], second = new double[m];
            int[] before = new int[m];
            for (int t = 0; t < m; t++) before[t] = labels[todo[t]];
            x.nearest(todo, m, c, labels, dist, best, second);
            if (bounds != null) for (int t = 0; t < m; t++) bounds.reset(todo[t], best[t], second[t]);
            boolean changed = partial[b] == null;
            for (int t = 0; t < m && !changed; t++) changed = labels[todo[t]] != before[t];
            if (!changed) return;
            double[][] sum = new double[k][];
            long[] cnt = new long[k];
            for (int i = from; i < to; i++) {
                int q = labels[i];
                if (sum[q] == null) sum[q] = new double[d];
                x.addRow(i, sum[q]);
                cnt[q]++;
            }
            partial[b] = sum;
            partialCount[b] = cnt;
        });
        double[][] sum = new double[k][d];
        long[] count = new long[k];
        for (int b = 0; b < blocks; b++) {
            for (int q = 0; q < k; q++) {
                if (partial[b][q] == null) continue;
                double[] s = sum[q], p = partial[b][q];
                for (int j = 0; j < d; j++) s[j] = x.round(s[j] + p[j]);
                count[q] += partialCount[b][q];
            }
        }
        boolean anyEmpty = false;
        for (long cnt : count) anyEmpty |= cnt == 0;
        if (anyEmpty && skipped.get() > 0) {
            // exact distances of every row for the farthest-point choice; the labels are those of the step already
            // (in float64 the same; with BLAS a row's last bits can depend on the rows computed with it, so the
            // recomputed labels are not taken)
            int[] scratch = new int[n];
            IntStream.range(0, blocks).parallel().forEach(b -> {
                int[] rows = IntStream.range(b * NearestCentre.BLOCK, Math.min(n, (b + 1) * NearestCentre.BLOCK)).toArray();
                x.nearest(rows, rows.length, c, scratch, dist, null, null);
            });
        }
        relocateEmpty(x, labels, dist, sum, count);
        for (int q = 0; q < k; q++) {
            if (count[q] == 0) { sum[q] = centres[q].clone(); continue; }
            // scikit-learn's _average_centers multiplies by the reciprocal (in the data's precision)
            double alpha = x.round(1.0 / count[q]);
            for (int j = 0; j < d; j++) sum[q][j] = x.round(sum[q][j] * alpha);
        }
        return sum;
    }

    /** Each empty cluster takes one of the points farthest from their centre, farthest first (as scikit-learn). */
    private static void relocateEmpty(Samples x, int[] labels, double[] dist, double[][] sum, long[] count) {
        int empty = 0;
        for (long c : count) if (c == 0) empty++;
        if (empty == 0) return;
        Integer[] order = new Integer[x.n];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(dist[b], dist[a]));
        int next = 0, d = x.d;
        for (int q = 0; q < count.length; q++) {
            if (count[q] != 0) continue;
            int far = order[next++];
            int old = labels[far];
            for (int j = 0; j < d; j++) { sum[old][j] = x.round(sum[old][j] - x.get(far, j)); sum[q][j] = x.get(far, j); }
            count[q] = 1;
            count[old]--;
        }
    }

    /**
     * Greedy k-means++ (scikit-learn's {@code _kmeans_plusplus}): the first centre uniformly, then for each next
     * centre 2 + ⌊ln k⌋ candidates drawn with probability ∝ D², keeping the one that lowers the potential most.
     */
    static double[][] seedPlusPlus(Samples x, double[] xNorm, int k, SplittableRandom rng) {
        int n = x.n, trials = 2 + (int) Math.log(k);
        double[][] centres = new double[k][];
        int first = rng.nextInt(n);
        centres[0] = x.row(first);
        double[] closest = x.distancesToRows(new int[] {first}, xNorm)[0];
        double pot = blockSum(closest);
        double[] cumsum = new double[n];
        for (int c = 1; c < k; c++) {
            double acc = 0;
            for (int i = 0; i < n; i++) { acc += closest[i]; cumsum[i] = acc; }
            double bestPot = Double.POSITIVE_INFINITY;
            double[] bestDist = null;
            int bestId = -1;
            // the candidates depend only on the random draws, so all are drawn first and their distances taken in
            // one pass over x (each row read once, not once per candidate; the same numbers)
            int[] ids = new int[trials];
            for (int t = 0; t < trials; t++) ids[t] = searchLeft(cumsum, rng.nextDouble() * pot);
            double[][] dts = x.distancesToRows(ids, xNorm);
            for (int t = 0; t < trials; t++) {
                double[] dt = dts[t];
                for (int i = 0; i < n; i++) if (closest[i] < dt[i]) dt[i] = closest[i];
                double p = blockSum(dt);
                if (p < bestPot) { bestPot = p; bestDist = dt; bestId = ids[t]; }
            }
            centres[c] = x.row(bestId);
            closest = bestDist;
            pot = bestPot;
        }
        return centres;
    }

    /** Index of the first cumulative sum ≥ r (numpy searchsorted, side left), clipped to the last index. */
    private static int searchLeft(double[] cumsum, double r) {
        int lo = 0, hi = cumsum.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumsum[mid] < r) lo = mid + 1; else hi = mid;
        }
        return Math.min(lo, cumsum.length - 1);
    }

    private static double blockSum(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s;
    }

    /** Sum of squared distances to the assigned centres, accumulated in the data's precision (as scikit-learn's
     *  {@code _inertia_dense}), in row order. */
    static double inertia(Samples x, double[][] centres, int[] labels) {
        double s = 0;
        for (int i = 0; i < x.n; i++) s = x.round(s + x.squaredDistance(i, centres[labels[i]]));
        return s;
    }

    /** scikit-learn's {@code _tolerance}: tol × mean over features of the (population) variance. */
    static double absoluteTolerance(Samples x, double tol) {
        if (tol == 0) return 0;
        int n = x.n, d = x.d;
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += x.get(i, j);
        for (int j = 0; j < d; j++) mean[j] /= n;
        double var = 0;
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) { double t = x.get(i, j) - mean[j]; var += t * t; }
        return x.round(tol * var / ((double) n * d));
    }

    static void validate(double[][] x, int k) {
        validateShape(x.length, k, x.length == 0 ? 0 : x[0].length);
        for (double[] row : x) {
            checkWidth(x[0].length, row.length);
            for (double v : row) {
                if (!Double.isFinite(v)) throw new IllegalArgumentException("features contain NaN or infinite values");
            }
        }
    }

    static void validate(float[][] x, int k) {
        validateShape(x.length, k, x.length == 0 ? 0 : x[0].length);
        for (float[] row : x) {
            checkWidth(x[0].length, row.length);
            for (float v : row) {
                if (!Float.isFinite(v)) throw new IllegalArgumentException("features contain NaN or infinite values");
            }
        }
    }

    private static void validateShape(int n, int k, int d) {
        if (n == 0) throw new IllegalArgumentException("k-means needs at least one sample (empty input)");
        if (k < 1) throw new IllegalArgumentException("k-means needs k >= 1, got " + k);
        if (k > n) throw new IllegalArgumentException("k=" + k + " is larger than the number of samples " + n);
        if (d == 0) throw new IllegalArgumentException("k-means needs at least one feature");
    }

    private static void checkWidth(int d, int width) {
        if (width != d) throw new IllegalArgumentException("rows have different numbers of features (" + d + " vs " + width + ")");
    }
}
