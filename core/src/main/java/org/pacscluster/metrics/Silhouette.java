package org.pacscluster.metrics;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.pacscluster.io.Shuffle;

/**
 * Silhouette score with Euclidean distances, as scikit-learn's {@code silhouette_samples}/{@code silhouette_score}:
 * s = (b − a) / max(a, b) with a the mean distance to the other members of the own cluster and b the smallest mean
 * distance to another cluster; a sample alone in its cluster scores 0. Exact (all pairs, parallel over samples) or
 * on a seeded random sample of the rows for large n.
 */
public final class Silhouette {
    private Silhouette() {}

    /** Mean silhouette over all samples. */
    public static double score(double[][] x, int[] labels) {
        return mean(samples(x, labels));
    }

    /**
     * Mean silhouette over a random subset of {@code sampleSize} rows (drawn without replacement with {@code seed});
     * distances are taken within the subset, as scikit-learn's {@code sample_size}. All rows when n ≤ sampleSize.
     */
    public static double score(double[][] x, int[] labels, int sampleSize, long seed) {
        if (sampleSize < 2) throw new IllegalArgumentException("silhouette sample size must be at least 2, got " + sampleSize);
        if (x.length <= sampleSize) return score(x, labels);
        int[] pick = sample(x.length, sampleSize, seed);
        double[][] xs = new double[pick.length][];
        int[] ls = new int[pick.length];
        for (int i = 0; i < pick.length; i++) { xs[i] = x[pick[i]]; ls[i] = labels[pick[i]]; }
        return score(xs, ls);
    }

    /** The silhouette of each sample. */
    public static double[] samples(double[][] x, int[] labels) {
        int n = x.length;
        if (labels.length != n) throw new IllegalArgumentException("silhouette: " + n + " samples but " + labels.length + " labels");
        int[] lab = Contingency.dense(labels);
        int k = 0;
        for (int l : lab) k = Math.max(k, l + 1);
        if (k < 2 || k > n - 1) {
            throw new IllegalArgumentException("silhouette needs 2 to n-1 clusters: got " + k + " clusters for " + n + " samples");
        }
        int d = x[0].length;
        for (double[] row : x) {
            if (row.length != d) throw new IllegalArgumentException("silhouette: rows of different lengths");
            for (double v : row) if (!Double.isFinite(v)) throw new IllegalArgumentException("silhouette: features contain NaN or infinite values");
        }
        long[] freq = new long[k];
        for (int l : lab) freq[l]++;
        final int clusters = k;
        double[] out = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] sums = new double[clusters];
            double[] xi = x[i];
            for (int j = 0; j < n; j++) sums[lab[j]] += distance(xi, x[j]);
            int own = lab[i];
            if (freq[own] <= 1) { out[i] = 0; return; }
            double a = sums[own] / (freq[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < clusters; c++) if (c != own) b = Math.min(b, sums[c] / freq[c]);
            double m = Math.max(a, b);
            out[i] = m == 0 ? 0 : (b - a) / m;
        });
        return out;
    }

    static double distance(double[] a, double[] b) {
        int d = a.length, j = 0;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (; j + 3 < d; j += 4) {
            double t0 = a[j] - b[j], t1 = a[j + 1] - b[j + 1], t2 = a[j + 2] - b[j + 2], t3 = a[j + 3] - b[j + 3];
            s0 += t0 * t0; s1 += t1 * t1; s2 += t2 * t2; s3 += t3 * t3;
        }
        for (; j < d; j++) { double t = a[j] - b[j]; s0 += t * t; }
        return Math.sqrt((s0 + s1) + (s2 + s3));
    }

    /** {@code m} distinct indices of 0..n-1 (partial Fisher–Yates), ascending. */
    static int[] sample(int n, int m, long seed) {
        return Shuffle.sampleAscending(IntStream.range(0, n).toArray(), m, new SplittableRandom(seed));
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }
}
