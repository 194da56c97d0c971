package org.pacscluster.embed;

/**
 * Eigen-decomposition of a small dense symmetric matrix by cyclic Jacobi rotations: slow for large n (O(n³) per
 * sweep) but simple and accurate to rounding, which is what the PCA needs for the N×N Gram matrix of a few hundred
 * images and for the l×l matrices of the randomized method.
 */
final class SymmetricEigen {
    /** Eigenvalues, descending. */
    final double[] values;
    /** vectors[i] is the unit eigenvector of values[i]. */
    final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    static SymmetricEigen of(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) a[i] = matrix[i].clone();
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) v[i][i] = 1;
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0, diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) off += a[i][j] * a[i][j];
            }
            if (off <= 1e-32 * diag || off == 0) break;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p][q];
                    if (apq == 0) continue;
                    double theta = (a[q][q] - a[p][p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    rotate(a, v, p, q, c, s, n);
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int r = 0; r < n; r++) {
            int col = order[r];
            values[r] = a[col][col];
            for (int i = 0; i < n; i++) vectors[r][i] = v[i][col];
        }
        return new SymmetricEigen(values, vectors);
    }

    /** A ← Jᵀ A J and V ← V J for the rotation J in the (p, q) plane. */
    private static void rotate(double[][] a, double[][] v, int p, int q, double c, double s, int n) {
        for (int k = 0; k < n; k++) {
            double akp = a[k][p], akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        double[] ap = a[p], aq = a[q];
        for (int k = 0; k < n; k++) {
            double apk = ap[k], aqk = aq[k];
            ap[k] = c * apk - s * aqk;
            aq[k] = s * apk + c * aqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p], vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }
}
