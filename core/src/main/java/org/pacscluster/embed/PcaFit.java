package org.pacscluster.embed;

import java.util.Random;
import java.util.stream.IntStream;
import org.pacscluster.progress.Progress;

/**
 * Fits a {@link PcaModel} from streamed rows without ever forming a D×D matrix for wide data:
 * <ul>
 *   <li>EXACT holds the centred rows in memory and eigen-decomposes the smaller of the N×N Gram matrix XXᵀ and the
 *       D×D covariance XᵀX (so for a few hundred 256² images it is the Gram matrix);</li>
 *   <li>RANDOMIZED (Halko, Martinsson and Tropp 2011, as scikit-learn's {@code randomized_svd}) streams the rows
 *       2q + 2 times: Y = XΩ, q power iterations Z = XᵀQ, Y = XZ with re-orthonormalisation, then B = QᵀX and the
 *       small l×l problem BBᵀ; memory is O((N + D)·l).</li>
 * </ul>
 * The total variance for the ratios is summed from the centred rows in both cases, so ratios are exact fractions
 * of the whole variance, not of the kept part.
 */
final class PcaFit {
    private static final int BLOCK = 128;
    /** EXACT keeps N×D doubles in memory; AUTO stays below this many. */
    private static final long EXACT_MAX_CELLS = 1L << 25;

    private PcaFit() {}

    static PcaModel fit(RowSource src, PcaConfig cfg, Progress progress) {
        int n = src.rows(), d = src.dimension();
        if (n < 2) throw new IllegalArgumentException("PCA needs at least 2 training images, got " + n);
        int k = cfg.components();
        if (k > Math.min(n, d)) {
            throw new IllegalArgumentException("PCA components (" + k + ") must not exceed min(images, pixels) = " + Math.min(n, d));
        }
        double[] mean = mean(src);
        boolean exact = switch (cfg.solver()) {
            case EXACT -> true;
            case RANDOMIZED -> false;
            case AUTO -> Math.min(n, d) <= 500 && (long) n * d <= EXACT_MAX_CELLS;
        };
        PcaModel m = exact ? exact(src, mean, k) : randomized(src, mean, cfg, progress);
        for (double[] c : m.components()) fixSign(c);
        return m;
    }

    static double[] mean(RowSource src) {
        int n = src.rows(), d = src.dimension();
        double[] sum = new double[d];
        double[][] block = new double[BLOCK][d];
        for (int start = 0; start < n; start += BLOCK) {
            int len = load(src, start, block, null);
            for (int i = 0; i < len; i++) for (int j = 0; j < d; j++) sum[j] += block[i][j];
        }
        for (int j = 0; j < d; j++) sum[j] /= n;
        return sum;
    }

    /** Loads rows [start, start + block.length) (fewer at the end), centred when mean is given; returns how many. */
    private static int load(RowSource src, int start, double[][] block, double[] mean) {
        int len = Math.min(block.length, src.rows() - start);
        IntStream.range(0, len).parallel().forEach(i -> {
            src.read(start + i, block[i]);
            if (mean != null) for (int j = 0; j < mean.length; j++) block[i][j] -= mean[j];
        });
        return len;
    }

    private static PcaModel exact(RowSource src, double[] mean, int k) {
        int n = src.rows(), d = src.dimension();
        if ((long) n * d > 4 * EXACT_MAX_CELLS) {
            throw new IllegalArgumentException("exact PCA of " + n + " × " + d + " would not fit in memory; use the randomized solver");
        }
        double[][] x = new double[n][d];
        load(src, 0, x, mean);
        double total = 0;
        for (double[] row : x) total += dot(row, row);
        double[][] comps = new double[k][];
        double[] lambda = new double[k];
        if (n <= d) {
            double[][] g = new double[n][n];
            IntStream.range(0, n).parallel().forEach(i -> {
                for (int j = i; j < n; j++) g[i][j] = dot(x[i], x[j]);
            });
            for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) g[i][j] = g[j][i];
            SymmetricEigen e = SymmetricEigen.of(g);
            for (int r = 0; r < k; r++) {
                lambda[r] = Math.max(0, e.values[r]);
                double[] u = e.vectors[r], v = new double[d];
                for (int i = 0; i < n; i++) axpy(u[i], x[i], v);
                normalise(v);
                comps[r] = v;
            }
        } else {
            double[][] c = new double[d][d];
            IntStream.range(0, d).parallel().forEach(j -> {
                for (double[] row : x) {
                    double a = row[j];
                    if (a == 0) continue;
                    for (int l = j; l < d; l++) c[j][l] += a * row[l];
                }
            });
            for (int j = 0; j < d; j++) for (int l = 0; l < j; l++) c[j][l] = c[l][j];
            SymmetricEigen e = SymmetricEigen.of(c);
            for (int r = 0; r < k; r++) { lambda[r] = Math.max(0, e.values[r]); comps[r] = e.vectors[r]; }
        }
        return model(mean, comps, lambda, total, n);
    }

    private static PcaModel randomized(RowSource src, double[] mean, PcaConfig cfg, Progress progress) {
        int n = src.rows(), d = src.dimension(), k = cfg.components();
        int l = Math.min(k + cfg.oversamples(), Math.min(n, d));
        Random rnd = new Random(cfg.seed());
        double[][] omega = new double[d][l];
        for (double[] row : omega) for (int c = 0; c < l; c++) row[c] = rnd.nextGaussian();
        int passes = 2 * cfg.powerIterations() + 2, pass = 0;
        double[] total = new double[1];
        double[][] q = timesRows(src, mean, omega, l, total);
        orthonormalise(q);
        progress.step(++pass, passes);
        for (int it = 0; it < cfg.powerIterations(); it++) {
            double[][] z = transposeTimes(src, mean, q, l);
            orthonormalise(z);
            progress.step(++pass, passes);
            q = timesRows(src, mean, z, l, null);
            orthonormalise(q);
            progress.step(++pass, passes);
        }
        double[][] bt = transposeTimes(src, mean, q, l); // D × l = (QᵀX)ᵀ
        progress.step(++pass, passes);
        double[][] m = new double[l][l];
        for (int a = 0; a < l; a++) {
            for (int b = a; b < l; b++) {
                double s = 0;
                for (double[] row : bt) s += row[a] * row[b];
                m[a][b] = s;
                m[b][a] = s;
            }
        }
        SymmetricEigen e = SymmetricEigen.of(m);
        double[][] comps = new double[k][d];
        double[] lambda = new double[k];
        for (int r = 0; r < k; r++) {
            lambda[r] = Math.max(0, e.values[r]);
            double[] w = e.vectors[r];
            for (int j = 0; j < d; j++) comps[r][j] = dot(bt[j], w);
            normalise(comps[r]);
        }
        return model(mean, comps, lambda, total[0], n);
    }

    private static PcaModel model(double[] mean, double[][] comps, double[] lambda, double total, int n) {
        int k = comps.length;
        double[] s = new double[k], ratio = new double[k];
        for (int r = 0; r < k; r++) {
            s[r] = Math.sqrt(lambda[r]);
            ratio[r] = total > 0 ? lambda[r] / total : 0;
        }
        return new PcaModel(mean, comps, s, ratio, n);
    }

    /** (X − mean) · w for a D × l matrix w: N × l; also sums ‖x − mean‖² into total[0] when total is given. */
    private static double[][] timesRows(RowSource src, double[] mean, double[][] w, int l, double[] total) {
        int n = src.rows(), d = src.dimension();
        double[][] y = new double[n][l];
        double[][] block = new double[BLOCK][d];
        double tot = 0;
        for (int start = 0; start < n; start += BLOCK) {
            int len = load(src, start, block, mean);
            final int s0 = start;
            IntStream.range(0, len).parallel().forEach(i -> {
                double[] x = block[i], out = y[s0 + i];
                for (int j = 0; j < d; j++) axpy(x[j], w[j], out);
            });
            if (total != null) for (int i = 0; i < len; i++) tot += dot(block[i], block[i]);
        }
        if (total != null) total[0] = tot;
        return y;
    }

    /** (X − mean)ᵀ · q for an N × l matrix q: D × l, parallel over feature ranges so sums keep row order. */
    private static double[][] transposeTimes(RowSource src, double[] mean, double[][] q, int l) {
        int n = src.rows(), d = src.dimension();
        double[][] z = new double[d][l];
        double[][] block = new double[BLOCK][d];
        int stripes = (d + 63) / 64;
        for (int start = 0; start < n; start += BLOCK) {
            int len = load(src, start, block, mean);
            final int s0 = start;
            IntStream.range(0, stripes).parallel().forEach(s -> {
                int to = Math.min(d, (s + 1) * 64);
                for (int i = 0; i < len; i++) {
                    double[] x = block[i], qi = q[s0 + i];
                    for (int j = s * 64; j < to; j++) axpy(x[j], qi, z[j]);
                }
            });
        }
        return z;
    }

    /** Orthonormal columns by modified Gram–Schmidt, applied twice for stability. */
    static void orthonormalise(double[][] a) {
        int n = a.length, l = a[0].length;
        for (int rep = 0; rep < 2; rep++) {
            for (int c = 0; c < l; c++) {
                for (int p = 0; p < c; p++) {
                    double s = 0;
                    for (double[] row : a) s += row[c] * row[p];
                    for (double[] row : a) row[c] -= s * row[p];
                }
                double norm = 0;
                for (double[] row : a) norm += row[c] * row[c];
                norm = Math.sqrt(norm);
                if (norm == 0) continue;
                for (int i = 0; i < n; i++) a[i][c] /= norm;
            }
        }
    }

    private static void fixSign(double[] v) {
        int arg = 0;
        for (int j = 1; j < v.length; j++) if (Math.abs(v[j]) > Math.abs(v[arg])) arg = j;
        if (v[arg] < 0) for (int j = 0; j < v.length; j++) v[j] = -v[j];
    }

    private static void normalise(double[] v) {
        double n = Math.sqrt(dot(v, v));
        if (n > 0) for (int j = 0; j < v.length; j++) v[j] /= n;
    }

    static void axpy(double a, double[] x, double[] y) {
        if (a == 0) return;
        for (int j = 0; j < y.length; j++) y[j] += a * x[j];
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
}
