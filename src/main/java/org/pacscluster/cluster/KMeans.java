package org.pacscluster.cluster;

import java.util.Random;

/**
 * k-means with k-means++ seeding and Lloyd iterations. (First, plain version: the baselines issue makes the
 * distance step a matrix product, parallel, and checks it against scikit-learn.)
 */
public final class KMeans {
    private KMeans() {}

    public static KMeansResult fit(double[][] x, KMeansConfig cfg) {
        validate(x, cfg.k());
        Random rng = new Random(cfg.seed());
        KMeansResult best = null;
        for (int r = 0; r < cfg.nInit(); r++) {
            KMeansResult res = lloyd(x, seedPlusPlus(x, cfg.k(), rng), cfg.maxIter(), cfg.tol());
            if (best == null || res.inertia() < best.inertia()) best = res;
        }
        return best;
    }

    /** Lloyd iterations from given initial centres (copied, not modified). */
    public static KMeansResult lloyd(double[][] x, double[][] init, int maxIter, double tol) {
        int n = x.length, d = x[0].length, k = init.length;
        double[][] c = new double[k][];
        for (int i = 0; i < k; i++) c[i] = init[i].clone();
        int[] labels = new int[n];
        java.util.Arrays.fill(labels, -1);
        int it = 0;
        for (; it < maxIter; it++) {
            boolean changed = false;
            int[] nl = new KMeansResult(c, null, 0, 0).predict(x);
            for (int i = 0; i < n; i++) if (nl[i] != labels[i]) { changed = true; break; }
            labels = nl;
            double[][] sum = new double[k][d];
            int[] cnt = new int[k];
            for (int i = 0; i < n; i++) {
                cnt[labels[i]]++;
                for (int j = 0; j < d; j++) sum[labels[i]][j] += x[i][j];
            }
            double shift = 0;
            for (int q = 0; q < k; q++) {
                if (cnt[q] == 0) continue;
                for (int j = 0; j < d; j++) {
                    double v = sum[q][j] / cnt[q];
                    shift += (v - c[q][j]) * (v - c[q][j]);
                    c[q][j] = v;
                }
            }
            if (!changed) break;
            if (shift <= tol) { it++; break; }
        }
        labels = new KMeansResult(c, null, 0, 0).predict(x);
        double inertia = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) { double t = x[i][j] - c[labels[i]][j]; inertia += t * t; }
        }
        return new KMeansResult(c, labels, inertia, it);
    }

    static double[][] seedPlusPlus(double[][] x, int k, Random rng) {
        int n = x.length;
        double[][] c = new double[k][];
        c[0] = x[rng.nextInt(n)].clone();
        double[] dist = new double[n];
        for (int i = 0; i < n; i++) dist[i] = sq(x[i], c[0]);
        for (int q = 1; q < k; q++) {
            double total = 0;
            for (double v : dist) total += v;
            double r = rng.nextDouble() * total;
            int pick = n - 1;
            for (int i = 0; i < n; i++) { r -= dist[i]; if (r <= 0) { pick = i; break; } }
            c[q] = x[pick].clone();
            for (int i = 0; i < n; i++) dist[i] = Math.min(dist[i], sq(x[i], c[q]));
        }
        return c;
    }

    private static double sq(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) { double t = a[j] - b[j]; s += t * t; }
        return s;
    }

    static void validate(double[][] x, int k) {
        if (x.length == 0) throw new IllegalArgumentException("k-means needs at least one sample (empty input)");
        if (k > x.length) throw new IllegalArgumentException("k=" + k + " is larger than the number of samples " + x.length);
        for (double[] row : x) for (double v : row) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("features contain NaN or infinite values");
        }
    }
}
