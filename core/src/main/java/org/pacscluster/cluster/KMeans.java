package org.pacscluster.cluster;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * k-means as scikit-learn 1.2 runs it (algorithm "lloyd"): greedy k-means++ seeding with 2 + ⌊ln k⌋ local trials,
 * {@code nInit} restarts keeping the lowest inertia, Lloyd iterations until no label changes or the centres move
 * (sum of squared shifts) no more than tol × the mean feature variance, empty clusters re-seeded with the points
 * farthest from their centres. The distance step is a blocked matrix product ({@link NearestCentre}), parallel over
 * fixed row blocks, and skips the rows whose {@link HamerlyBounds} prove their label unchanged (exactly: the labels
 * are those of the full step); every sum is reduced in block order, so a seed gives the same result on any number
 * of cores.
 */
public final class KMeans {
    private KMeans() {}

    public static KMeansResult fit(double[][] x, KMeansConfig cfg) {
        validate(x, cfg.k());
        double tol = absoluteTolerance(x, cfg.tol());
        double[] xNorm = NearestCentre.squaredNorms(x);
        SplittableRandom seeds = new SplittableRandom(cfg.seed());
        KMeansResult best = null;
        for (int r = 0; r < cfg.nInit(); r++) {
            SplittableRandom rng = new SplittableRandom(seeds.nextLong());
            KMeansResult res = lloyd(x, xNorm, seedPlusPlus(x, xNorm, cfg.k(), rng), cfg.maxIter(), tol);
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
        return lloyd(x, NearestCentre.squaredNorms(x), init, maxIter, tol);
    }

    static KMeansResult lloyd(double[][] x, double[] xNorm, double[][] init, int maxIter, double tol) {
        return lloyd(x, xNorm, init, maxIter, tol, true);
    }

    /** {@code useBounds} false: every row's distances every step (the reference the bounds must reproduce). */
    static KMeansResult lloyd(double[][] x, double[] xNorm, double[][] init, int maxIter, double tol,
                              boolean useBounds) {
        int n = x.length, d = x[0].length, k = init.length;
        for (double[] c : init) {
            if (c.length != d) throw new IllegalArgumentException("initial centres have " + c.length + " features, data has " + d);
        }
        double[][] centres = new double[k][];
        for (int q = 0; q < k; q++) centres[q] = init[q].clone();
        int[] labels = new int[n], previous = new int[n];
        Arrays.fill(previous, -1);
        double[] dist = new double[n];
        HamerlyBounds bounds = useBounds ? new HamerlyBounds(xNorm, d) : null;
        // per-block cluster sums, kept between steps: a block whose labels did not change keeps its sums
        double[][][] partial = new double[NearestCentre.blocks(n)][][];
        long[][] partialCount = new long[partial.length][];
        boolean strict = false;
        int it = 0;
        while (it < maxIter) {
            it++;
            double[][] next = step(x, xNorm, centres, labels, dist, bounds, partial, partialCount);
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
        if (!strict) labels = NearestCentre.assignAll(x, centres);
        return new KMeansResult(centres, labels, inertia(x, centres, labels), it);
    }

    /**
     * One Lloyd step: assign every row to its nearest centre (into labels, dist) and return the new means. Rows
     * whose {@link HamerlyBounds} prove that their label stays skip the distances (the label is then exactly what
     * the full step would give; their {@code dist} entry is stale, so a step with an empty cluster, the only user of
     * dist, recomputes all rows). Sums run per block in row order, then over blocks in order, as without bounds;
     * a block's sums ({@code partial}, {@code partialCount}: null before the first step) are recomputed only when
     * one of its labels changed, which gives the same numbers as recomputing them.
     */
    private static double[][] step(double[][] x, double[] xNorm, double[][] centres, int[] labels, double[] dist,
                                   HamerlyBounds bounds, double[][][] partial, long[][] partialCount) {
        int n = x.length, d = x[0].length, k = centres.length;
        double[] cNorm = NearestCentre.squaredNorms(centres);
        if (bounds != null) bounds.centres(centres, cNorm);
        int blocks = NearestCentre.blocks(n);
        java.util.concurrent.atomic.AtomicInteger skipped = new java.util.concurrent.atomic.AtomicInteger();
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int from = b * NearestCentre.BLOCK, to = Math.min(n, from + NearestCentre.BLOCK);
            int[] todo = new int[to - from];
            int m = 0;
            for (int i = from; i < to; i++) {
                int a = labels[i];
                if (bounds == null || !bounds.settled(x, i, a, centres[a], cNorm[a])) todo[m++] = i;
            }
            skipped.addAndGet(to - from - m);
            double[] best = new double[m], second = new double[m];
            int[] before = new int[m];
            for (int t = 0; t < m; t++) before[t] = labels[todo[t]];
            NearestCentre.assignListed(x, xNorm, todo, m, centres, cNorm, labels, dist, best, second);
            if (bounds != null) for (int t = 0; t < m; t++) bounds.reset(todo[t], best[t], second[t]);
            boolean changed = partial[b] == null;
            for (int t = 0; t < m && !changed; t++) changed = labels[todo[t]] != before[t];
            if (!changed) return;
            double[][] sum = new double[k][];
            long[] cnt = new long[k];
            for (int i = from; i < to; i++) {
                int q = labels[i];
                if (sum[q] == null) sum[q] = new double[d];
                double[] s = sum[q], xi = x[i];
                for (int j = 0; j < d; j++) s[j] += xi[j];
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
                for (int j = 0; j < d; j++) s[j] += p[j];
                count[q] += partialCount[b][q];
            }
        }
        boolean anyEmpty = false;
        for (long c : count) anyEmpty |= c == 0;
        if (anyEmpty && skipped.get() > 0) {
            // exact distances of every row for the farthest-point choice (labels come out the same)
            IntStream.range(0, blocks).parallel().forEach(b -> NearestCentre.assign(x, xNorm, b * NearestCentre.BLOCK,
                    Math.min(n, (b + 1) * NearestCentre.BLOCK), centres, cNorm, labels, dist));
        }
        relocateEmpty(x, labels, dist, sum, count);
        for (int q = 0; q < k; q++) {
            if (count[q] == 0) { sum[q] = centres[q].clone(); continue; }
            double inv = count[q];
            for (int j = 0; j < d; j++) sum[q][j] /= inv;
        }
        return sum;
    }

    /** Each empty cluster takes one of the points farthest from their centre, farthest first (as scikit-learn). */
    private static void relocateEmpty(double[][] x, int[] labels, double[] dist, double[][] sum, long[] count) {
        int empty = 0;
        for (long c : count) if (c == 0) empty++;
        if (empty == 0) return;
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(dist[b], dist[a]));
        int next = 0, d = x[0].length;
        for (int q = 0; q < count.length; q++) {
            if (count[q] != 0) continue;
            int far = order[next++];
            int old = labels[far];
            for (int j = 0; j < d; j++) { sum[old][j] -= x[far][j]; sum[q][j] = x[far][j]; }
            count[q] = 1;
            count[old]--;
        }
    }

    /**
     * Greedy k-means++ (scikit-learn's {@code _kmeans_plusplus}): the first centre uniformly, then for each next
     * centre 2 + ⌊ln k⌋ candidates drawn with probability ∝ D², keeping the one that lowers the potential most.
     */
    static double[][] seedPlusPlus(double[][] x, double[] xNorm, int k, SplittableRandom rng) {
        int n = x.length, trials = 2 + (int) Math.log(k);
        double[][] centres = new double[k][];
        int first = rng.nextInt(n);
        centres[0] = x[first].clone();
        double[] closest = distancesTo(x, xNorm, x[first], xNorm[first]);
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
            double[][] dts = distancesTo(x, xNorm, ids);
            for (int t = 0; t < trials; t++) {
                double[] dt = dts[t];
                for (int i = 0; i < n; i++) if (closest[i] < dt[i]) dt[i] = closest[i];
                double p = blockSum(dt);
                if (p < bestPot) { bestPot = p; bestDist = dt; bestId = ids[t]; }
            }
            centres[c] = x[bestId].clone();
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

    /** Squared distances of every row to each of the rows {@code ids}, one pass over x. */
    private static double[][] distancesTo(double[][] x, double[] xNorm, int[] ids) {
        int m = ids.length;
        double[][] out = new double[m][x.length];
        IntStream.range(0, NearestCentre.blocks(x.length)).parallel().forEach(b -> {
            int to = Math.min(x.length, (b + 1) * NearestCentre.BLOCK);
            for (int i = b * NearestCentre.BLOCK; i < to; i++) {
                for (int t = 0; t < m; t++) {
                    int id = ids[t];
                    out[t][i] = Math.max(0, xNorm[i] - 2 * NearestCentre.dot(x[i], x[id]) + xNorm[id]);
                }
            }
        });
        return out;
    }

    private static double[] distancesTo(double[][] x, double[] xNorm, double[] c, double cNorm) {
        double[] out = new double[x.length];
        IntStream.range(0, NearestCentre.blocks(x.length)).parallel().forEach(b -> {
            int to = Math.min(x.length, (b + 1) * NearestCentre.BLOCK);
            for (int i = b * NearestCentre.BLOCK; i < to; i++) {
                out[i] = Math.max(0, xNorm[i] - 2 * NearestCentre.dot(x[i], c) + cNorm);
            }
        });
        return out;
    }

    private static double blockSum(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s;
    }

    static double inertia(double[][] x, double[][] centres, int[] labels) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += NearestCentre.squaredDistance(x[i], centres[labels[i]]);
        return s;
    }

    /** scikit-learn's {@code _tolerance}: tol × mean over features of the (population) variance. */
    static double absoluteTolerance(double[][] x, double tol) {
        if (tol == 0) return 0;
        int n = x.length, d = x[0].length;
        double[] mean = new double[d];
        for (double[] row : x) for (int j = 0; j < d; j++) mean[j] += row[j];
        for (int j = 0; j < d; j++) mean[j] /= n;
        double var = 0;
        for (double[] row : x) for (int j = 0; j < d; j++) { double t = row[j] - mean[j]; var += t * t; }
        return tol * var / ((double) n * d);
    }

    static void validate(double[][] x, int k) {
        if (x.length == 0) throw new IllegalArgumentException("k-means needs at least one sample (empty input)");
        if (k > x.length) throw new IllegalArgumentException("k=" + k + " is larger than the number of samples " + x.length);
        int d = x[0].length;
        if (d == 0) throw new IllegalArgumentException("k-means needs at least one feature");
        for (double[] row : x) {
            if (row.length != d) throw new IllegalArgumentException("rows have different numbers of features (" + d + " vs " + row.length + ")");
            for (double v : row) {
                if (!Double.isFinite(v)) throw new IllegalArgumentException("features contain NaN or infinite values");
            }
        }
    }
}
