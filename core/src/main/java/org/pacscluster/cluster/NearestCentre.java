package org.pacscluster.cluster;

import java.util.stream.IntStream;

/**
 * The distance step of k-means as a matrix product: for a row x and centres c, ‖x − c‖² = ‖x‖² − 2 x·c + ‖c‖²,
 * and the arg-min over c only needs ‖c‖² − 2 x·c. Dot products are taken for two rows and four centres at a time (eight
 * independent accumulators), which keeps the floating-point units busy without a BLAS. Rows are processed in
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
        double[] dots0 = new double[k], dots1 = new double[k];
        int i = from;
        for (; i + 1 < to; i += 2) {
            dotsWithCentres(x[i], x[i + 1], c, dots0, dots1);
            pick(i, dots0, xNorm, cNorm, labels, dist);
            pick(i + 1, dots1, xNorm, cNorm, labels, dist);
        }
        if (i < to) {
            dotsWithCentres(x[i], x[i], c, dots0, dots1);
            pick(i, dots0, xNorm, cNorm, labels, dist);
        }
    }

    private static void pick(int i, double[] dots, double[] xNorm, double[] cNorm, int[] labels, double[] dist) {
        int best = 0;
        double bestD = cNorm[0] - 2 * dots[0];
        for (int q = 1; q < dots.length; q++) {
            double dq = cNorm[q] - 2 * dots[q];
            if (dq < bestD) { bestD = dq; best = q; }
        }
        labels[i] = best;
        if (dist != null) dist[i] = xNorm == null ? bestD : Math.max(0, bestD + xNorm[i]);
    }

    /**
     * As {@link #assign} for the listed rows {@code rows[0..count)} (labels and full squared distances, same
     * values), also giving each listed row's best and second-best ‖c‖² − 2 x·c (at its position in the list).
     */
    static void assignListed(double[][] x, double[] xNorm, int[] rows, int count, double[][] c, double[] cNorm,
                             int[] labels, double[] dist, double[] best, double[] second) {
        int k = c.length;
        double[] dots0 = new double[k], dots1 = new double[k];
        int t = 0;
        for (; t + 1 < count; t += 2) {
            dotsWithCentres(x[rows[t]], x[rows[t + 1]], c, dots0, dots1);
            pickTwo(rows[t], t, dots0, xNorm, cNorm, labels, dist, best, second);
            pickTwo(rows[t + 1], t + 1, dots1, xNorm, cNorm, labels, dist, best, second);
        }
        if (t < count) {
            dotsWithCentres(x[rows[t]], x[rows[t]], c, dots0, dots1);
            pickTwo(rows[t], t, dots0, xNorm, cNorm, labels, dist, best, second);
        }
    }

    /** {@link #pick}, plus the smallest value among the other centres. */
    private static void pickTwo(int i, int t, double[] dots, double[] xNorm, double[] cNorm, int[] labels,
                                double[] dist, double[] best, double[] second) {
        int arg = 0;
        double bestD = cNorm[0] - 2 * dots[0], secondD = Double.POSITIVE_INFINITY;
        for (int q = 1; q < dots.length; q++) {
            double dq = cNorm[q] - 2 * dots[q];
            if (dq < bestD) { secondD = bestD; bestD = dq; arg = q; } else if (dq < secondD) secondD = dq;
        }
        labels[i] = arg;
        dist[i] = Math.max(0, bestD + xNorm[i]);
        best[t] = bestD;
        second[t] = secondD;
    }

    /** Labels of all rows, parallel over blocks. */
    static int[] assignAll(double[][] x, double[][] c) {
        int[] labels = new int[x.length];
        double[] cNorm = squaredNorms(c);
        IntStream.range(0, blocks(x.length)).parallel().forEach(b ->
                assign(x, null, b * BLOCK, Math.min(x.length, (b + 1) * BLOCK), c, cNorm, labels, null));
        return labels;
    }

    /**
     * out0[q] = x0 · c[q] and out1[q] = x1 · c[q]: a 2-row × 4-centre register tile, eight independent
     * accumulators, six loads per eight multiply-adds. Each dot product is summed over j in order, so a row's
     * result does not depend on which row it is paired with.
     */
    static void dotsWithCentres(double[] x0, double[] x1, double[][] c, double[] out0, double[] out1) {
        int k = c.length, d = x0.length, q = 0;
        for (; q + 3 < k; q += 4) {
            double[] c0 = c[q], c1 = c[q + 1], c2 = c[q + 2], c3 = c[q + 3];
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
            for (int j = 0; j < d; j++) {
                double u = x0[j], v = x1[j];
                double e0 = c0[j], e1 = c1[j], e2 = c2[j], e3 = c3[j];
                a0 += u * e0; a1 += u * e1; a2 += u * e2; a3 += u * e3;
                b0 += v * e0; b1 += v * e1; b2 += v * e2; b3 += v * e3;
            }
            out0[q] = a0; out0[q + 1] = a1; out0[q + 2] = a2; out0[q + 3] = a3;
            out1[q] = b0; out1[q + 1] = b1; out1[q + 2] = b2; out1[q + 3] = b3;
        }
        for (; q < k; q++) {
            double[] cq = c[q];
            double a = 0, b = 0;
            for (int j = 0; j < d; j++) { a += x0[j] * cq[j]; b += x1[j] * cq[j]; }
            out0[q] = a;
            out1[q] = b;
        }
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
