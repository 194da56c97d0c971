package org.pacscluster.cluster;

import java.util.stream.IntStream;

/**
 * The distance step of k-means as a matrix product: for a row x and centres c, ‖x − c‖² = ‖x‖² − 2 x·c + ‖c‖²,
 * and the arg-min over c only needs ‖c‖² − 2 x·c. Dot products are taken four centres at a time (four independent
 * accumulators per row pass) so that each feature of x is loaded once per four centres. Rows are processed in
 * fixed blocks in parallel; each row's result depends only on that row, so results do not depend on thread count.
 */
final class NearestCentre {
    /** Rows per parallel task. Fixed (not derived from the core count) so that every reduction is reproducible. */
    static final int BLOCK = 256;

    private NearestCentre() {}

    static double[] squaredNorms(double[][] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = dot(rows[i], rows[i]);
        return out;
    }

    static int blocks(int n) { return (n + BLOCK - 1) / BLOCK; }

    /**
     * Labels (nearest centre, first one on ties) and squared distances for rows [from, to).
     * {@code xNorm} may be null, then {@code dist} holds ‖c‖² − 2 x·c instead of the full squared distance.
     */
    static void assign(double[][] x, double[] xNorm, int from, int to, double[][] c, double[] cNorm,
                       int[] labels, double[] dist) {
        int k = c.length;
        double[] dots = new double[k];
        for (int i = from; i < to; i++) {
            dotsWithCentres(x[i], c, dots);
            int best = 0;
            double bestD = cNorm[0] - 2 * dots[0];
            for (int q = 1; q < k; q++) {
                double dq = cNorm[q] - 2 * dots[q];
                if (dq < bestD) { bestD = dq; best = q; }
            }
            labels[i] = best;
            if (dist != null) dist[i] = xNorm == null ? bestD : Math.max(0, bestD + xNorm[i]);
        }
    }

    /** Labels of all rows, parallel over blocks. */
    static int[] assignAll(double[][] x, double[][] c) {
        int[] labels = new int[x.length];
        double[] cNorm = squaredNorms(c);
        IntStream.range(0, blocks(x.length)).parallel().forEach(b ->
                assign(x, null, b * BLOCK, Math.min(x.length, (b + 1) * BLOCK), c, cNorm, labels, null));
        return labels;
    }

    /** out[q] = x · c[q] for every centre. */
    static void dotsWithCentres(double[] x, double[][] c, double[] out) {
        int k = c.length, d = x.length, q = 0;
        for (; q + 3 < k; q += 4) {
            double[] c0 = c[q], c1 = c[q + 1], c2 = c[q + 2], c3 = c[q + 3];
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int j = 0; j < d; j++) {
                double v = x[j];
                s0 += v * c0[j]; s1 += v * c1[j]; s2 += v * c2[j]; s3 += v * c3[j];
            }
            out[q] = s0; out[q + 1] = s1; out[q + 2] = s2; out[q + 3] = s3;
        }
        for (; q < k; q++) out[q] = dot(x, c[q]);
    }

    static double dot(double[] a, double[] b) {
        int d = a.length, j = 0;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (; j + 3 < d; j += 4) {
            s0 += a[j] * b[j]; s1 += a[j + 1] * b[j + 1]; s2 += a[j + 2] * b[j + 2]; s3 += a[j + 3] * b[j + 3];
        }
        for (; j < d; j++) s0 += a[j] * b[j];
        return (s0 + s1) + (s2 + s3);
    }

    static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) { double t = a[j] - b[j]; s += t * t; }
        return s;
    }
}
