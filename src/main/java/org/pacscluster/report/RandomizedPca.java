package org.pacscluster.report;

import java.util.Random;
import java.util.stream.IntStream;

/**
 * The leading principal-component scores of a data matrix, by the randomised range finder of Halko, Martinsson and
 * Tropp (as scikit-learn's {@code svd_solver='randomized'}): a Gaussian sketch, a few power iterations with
 * re-orthonormalisation, then an exact eigen-decomposition of the small projected matrix. t-SNE only needs the
 * leading subspace, and this costs O(n·d·c) instead of the O(n·d²) of a covariance matrix. The data are centred on
 * the fly, so no centred copy of a large input is made.
 */
final class RandomizedPca {
    private static final int OVERSAMPLES = 10;
    private static final int POWER_ITERATIONS = 4;

    private RandomizedPca() {}

    /** n × c scores (centred data projected on the c leading components, largest variance first). */
    static double[][] scores(double[][] x, int components, long seed) {
        int n = x.length, d = x[0].length;
        int c = Math.min(components, Math.min(n, d));
        int l = Math.min(c + OVERSAMPLES, Math.min(n, d));
        double[] mean = columnMeans(x);

        Random rng = new Random(seed);
        double[] omega = new double[d * l];
        for (int i = 0; i < omega.length; i++) omega[i] = rng.nextGaussian();

        double[] q = timesRight(x, mean, omega, l);       // n × l: range sketch
        orthonormalise(q, n, l);
        for (int it = 0; it < POWER_ITERATIONS; it++) {
            double[] z = transposeTimes(x, mean, q, l);    // d × l
            orthonormalise(z, d, l);
            q = timesRight(x, mean, z, l);
            orthonormalise(q, n, l);
        }
        double[] b = transposeTimes(x, mean, q, l);        // d × l = (Qᵀ X)ᵀ
        double[] gram = new double[l * l];                 // (QᵀX)(QᵀX)ᵀ = Û Σ² Ûᵀ
        for (int j = 0; j < d; j++) {
            int o = j * l;
            for (int a = 0; a < l; a++) {
                double va = b[o + a];
                for (int bb = a; bb < l; bb++) gram[a * l + bb] += va * b[o + bb];
            }
        }
        for (int a = 0; a < l; a++) for (int bb = 0; bb < a; bb++) gram[a * l + bb] = gram[bb * l + a];
        double[] eigenvectors = new double[l * l];
        double[] eigenvalues = SymmetricEigen.decompose(gram, l, eigenvectors);

        // scores = Q Û Σ, columns ordered by decreasing eigenvalue
        int[] order = SymmetricEigen.descendingOrder(eigenvalues);
        double[][] out = new double[n][c];
        final double[] qf = q;
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int k = 0; k < c; k++) {
                int col = order[k];
                double sigma = Math.sqrt(Math.max(eigenvalues[col], 0));
                double s = 0;
                for (int a = 0; a < l; a++) s += qf[i * l + a] * eigenvectors[a * l + col];
                out[i][k] = s * sigma;
            }
        });
        // deterministic signs (as scikit-learn's svd_flip): the entry of largest magnitude is positive
        for (int k = 0; k < c; k++) {
            int arg = 0;
            for (int i = 1; i < n; i++) if (Math.abs(out[i][k]) > Math.abs(out[arg][k])) arg = i;
            if (out[arg][k] < 0) for (int i = 0; i < n; i++) out[i][k] = -out[i][k];
        }
        return out;
    }

    static double[] columnMeans(double[][] x) {
        int d = x[0].length;
        double[] mean = new double[d];
        for (double[] row : x) {
            if (row.length != d) {
                throw new IllegalArgumentException("rows have different lengths (" + d + " and " + row.length + ")");
            }
            for (int j = 0; j < d; j++) mean[j] += row[j];
        }
        for (int j = 0; j < d; j++) mean[j] /= x.length;
        return mean;
    }

    /** (X − 1μᵀ) M for M d × l (row-major): n × l row-major. */
    private static double[] timesRight(double[][] x, double[] mean, double[] m, int l) {
        int n = x.length, d = mean.length;
        double[] out = new double[n * l];
        double[] meanTimesM = new double[l];
        for (int j = 0; j < d; j++) for (int a = 0; a < l; a++) meanTimesM[a] += mean[j] * m[j * l + a];
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] row = x[i];
            int o = i * l;
            for (int j = 0; j < d; j++) {
                double v = row[j];
                if (v == 0) continue;
                int mo = j * l;
                for (int a = 0; a < l; a++) out[o + a] += v * m[mo + a];
            }
            for (int a = 0; a < l; a++) out[o + a] -= meanTimesM[a];
        });
        return out;
    }

    /** (X − 1μᵀ)ᵀ Q for Q n × l (row-major): d × l row-major, parallel over blocks of features. */
    private static double[] transposeTimes(double[][] x, double[] mean, double[] q, int l) {
        int n = x.length, d = mean.length;
        double[] out = new double[d * l];
        double[] colSumQ = new double[l];
        for (int i = 0; i < n; i++) for (int a = 0; a < l; a++) colSumQ[a] += q[i * l + a];
        int block = 64;
        int blocks = (d + block - 1) / block;
        IntStream.range(0, blocks).parallel().forEach(bk -> {
            int j0 = bk * block, j1 = Math.min(d, j0 + block);
            for (int i = 0; i < n; i++) {
                double[] row = x[i];
                int qo = i * l;
                for (int j = j0; j < j1; j++) {
                    double v = row[j];
                    if (v == 0) continue;
                    int o = j * l;
                    for (int a = 0; a < l; a++) out[o + a] += v * q[qo + a];
                }
            }
            for (int j = j0; j < j1; j++) {
                for (int a = 0; a < l; a++) out[j * l + a] -= mean[j] * colSumQ[a];
            }
        });
        return out;
    }

    /** Orthonormalises the l columns of a rows × l row-major matrix in place (modified Gram-Schmidt, twice). */
    static void orthonormalise(double[] m, int rows, int l) {
        for (int pass = 0; pass < 2; pass++) {
            for (int a = 0; a < l; a++) {
                for (int b = 0; b < a; b++) {
                    double dot = 0;
                    for (int r = 0; r < rows; r++) dot += m[r * l + a] * m[r * l + b];
                    for (int r = 0; r < rows; r++) m[r * l + a] -= dot * m[r * l + b];
                }
                double norm = 0;
                for (int r = 0; r < rows; r++) norm += m[r * l + a] * m[r * l + a];
                norm = Math.sqrt(norm);
                // a column that vanished (rank-deficient data) stays zero; its component then has variance 0
                double inv = norm > 1e-300 ? 1 / norm : 0;
                for (int r = 0; r < rows; r++) m[r * l + a] *= inv;
            }
        }
    }
}
