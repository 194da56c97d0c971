package org.pacscluster.cluster;

/**
 * The double-precision kernels of k-means: for a row x and centres c, ‖x − c‖² = ‖x‖² − 2 x·c + ‖c‖², and the
 * arg-min over c only needs ‖c‖² − 2 x·c. Dot products are taken for two rows and four centres at a time (eight
 * independent accumulators), which keeps the floating-point units busy without a BLAS; each row's result depends
 * only on that row. Rows are processed in fixed blocks of {@link #BLOCK}, so results do not depend on thread count.
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
