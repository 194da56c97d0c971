package org.pacscluster.report;

/** Eigen-decomposition of a small dense symmetric matrix by cyclic Jacobi rotations (accurate, O(n³) per sweep). */
final class SymmetricEigen {
    private static final int MAX_SWEEPS = 100;

    private SymmetricEigen() {}

    /**
     * Eigenvalues of the n × n symmetric row-major matrix {@code a} (not modified); column k of {@code vectors}
     * (n × n row-major, overwritten) is the unit eigenvector of eigenvalue k. Eigenvalues are unordered.
     */
    static double[] decompose(double[] a, int n, double[] vectors) {
        double[] m = a.clone();
        java.util.Arrays.fill(vectors, 0);
        for (int i = 0; i < n; i++) vectors[i * n + i] = 1;
        double scale = 0;
        for (double v : m) scale += v * v;
        double threshold = 1e-30 * Math.max(scale, Double.MIN_NORMAL);
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) for (int q = p + 1; q < n; q++) off += m[p * n + q] * m[p * n + q];
            if (off <= threshold) break;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = m[p * n + q];
                    if (apq == 0) continue;
                    double theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++) {           // columns p, q
                        double mkp = m[k * n + p], mkq = m[k * n + q];
                        m[k * n + p] = c * mkp - s * mkq;
                        m[k * n + q] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < n; k++) {           // rows p, q
                        double mpk = m[p * n + k], mqk = m[q * n + k];
                        m[p * n + k] = c * mpk - s * mqk;
                        m[q * n + k] = s * mpk + c * mqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = vectors[k * n + p], vkq = vectors[k * n + q];
                        vectors[k * n + p] = c * vkp - s * vkq;
                        vectors[k * n + q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) values[i] = m[i * n + i];
        return values;
    }

    /** Indices of {@code values} from largest to smallest. */
    static int[] descendingOrder(double[] values) {
        return java.util.stream.IntStream.range(0, values.length).boxed()
                .sorted((x, y) -> Double.compare(values[y], values[x]))
                .mapToInt(Integer::intValue).toArray();
    }
}
