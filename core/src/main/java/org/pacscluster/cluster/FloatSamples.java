package org.pacscluster.cluster;

import dev.ludovic.netlib.blas.NativeBLAS;

/**
 * Float32 rows, clustered in float32 as scikit-learn does for float32 input: the distance step is one BLAS
 * {@code sgemm} per group of rows (‖c‖² − 2 X·Cᵀ, the call scikit-learn's {@code _update_chunk_dense} makes), sums,
 * means and inertia are rounded to float32. The rows are kept in one row-major array, as BLAS takes them.
 *
 * <p>Without a native BLAS (or when k·d is so large that one row's call could run multi-threaded, see
 * {@link NativeBlas}) the distance step runs in Java on a widened copy and rounds each value to float32: the same
 * result to float32 rounding, not bit for bit.
 */
final class FloatSamples extends Samples {
    private final float[] x;
    private final float[] norms;
    private final NativeBLAS blas;
    private double[][] widened;

    FloatSamples(float[][] rows, NativeBLAS blas) {
        super(rows.length, rows[0].length);
        this.blas = blas;
        if ((long) n * d > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("k-means on float32 data holds at most 2^31 values, got " + n + " × " + d);
        }
        x = new float[n * d];
        norms = new float[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, x, i * d, d);
            float s = 0;
            for (int j = 0; j < d; j++) s += rows[i][j] * rows[i][j];
            norms[i] = s;
        }
    }

    FloatSamples(float[][] rows) { this(rows, NativeBlas.get()); }

    @Override double round(double v) { return (float) v; }

    @Override double unitRoundoff() { return 0x1p-24; }

    @Override double get(int i, int j) { return x[i * d + j]; }

    @Override double norm(int i) { return norms[i]; }

    @Override
    double dot(int i, double[] c) {
        int o = i * d;
        double s0 = 0, s1 = 0;
        int j = 0;
        for (; j + 1 < d; j += 2) { s0 += x[o + j] * c[j]; s1 += x[o + j + 1] * c[j + 1]; }
        if (j < d) s0 += x[o + j] * c[j];
        return s0 + s1;
    }

    @Override
    void addRow(int i, double[] sum) {
        int o = i * d;
        for (int j = 0; j < d; j++) sum[j] = (float) (sum[j] + x[o + j]);
    }

    @Override
    double squaredDistance(int i, double[] c) {
        int o = i * d, j = 0;
        float r = 0;
        for (; j + 3 < d; j += 4) {
            float t0 = x[o + j] - (float) c[j], t1 = x[o + j + 1] - (float) c[j + 1];
            float t2 = x[o + j + 2] - (float) c[j + 2], t3 = x[o + j + 3] - (float) c[j + 3];
            r += t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
        }
        for (; j < d; j++) { float t = x[o + j] - (float) c[j]; r += t * t; }
        return r;
    }

    @Override
    Centres centres(double[][] c) {
        int k = c.length;
        float[] packed = new float[k * d], cNorms = new float[k];
        double[] norm = new double[k];
        for (int q = 0; q < k; q++) {
            float s = 0;
            for (int j = 0; j < d; j++) {
                float v = (float) c[q][j];
                packed[q * d + j] = v;
                s += v * v;
            }
            cNorms[q] = s;
            norm[q] = s;
        }
        long perRow = (long) k * d;
        int rowsPerCall = blas == null ? 0 : (int) Math.min(NearestCentre.BLOCK, NativeBlas.SINGLE_THREAD_MNK / perRow);
        return new PackedCentres(c, norm, packed, cNorms, rowsPerCall);
    }

    /** Centres as one row-major float array for sgemm; {@code rowsPerCall} 0 means the Java kernel. */
    private static final class PackedCentres extends Centres {
        final float[] packed, norms32;
        final int rowsPerCall;

        PackedCentres(double[][] rows, double[] norms, float[] packed, float[] norms32, int rowsPerCall) {
            super(rows, norms);
            this.packed = packed;
            this.norms32 = norms32;
            this.rowsPerCall = rowsPerCall;
        }
    }

    @Override
    void nearest(int[] rows, int count, Centres c0, int[] labels, double[] dist, double[] best, double[] second) {
        PackedCentres c = (PackedCentres) c0;
        int k = c.k(), m = c.rowsPerCall;
        double[] v = new double[k];
        if (m == 0) {
            nearestInJava(rows, count, c, labels, dist, best, second, v);
            return;
        }
        // per-thread buffers: allocating them per call cost a quarter of the step (zeroing, page faults)
        Scratch buf = SCRATCH.get().fit(Math.min(m, count) * d, Math.min(m, count) * k);
        float[] gathered = buf.rows, out = buf.out;
        for (int s = 0; s < count; s += m) {
            int len = Math.min(m, count - s);
            float[] src = x;
            int offset = rows[s] * d;
            if (rows[s + len - 1] - rows[s] != len - 1) {   // not one contiguous run: copy the rows together
                for (int t = 0; t < len; t++) System.arraycopy(x, rows[s + t] * d, gathered, t * d, d);
                src = gathered;
                offset = 0;
            }
            for (int t = 0; t < len; t++) System.arraycopy(c.norms32, 0, out, t * k, k);
            // column-major view: out (k × len) = −2 · Cᵀ' · X' + out, i.e. row-major out[t][q] = ‖c_q‖² − 2 x_t·c_q
            blas.sgemm("T", "N", k, len, d, -2f, c.packed, 0, d, src, offset, d, 1f, out, 0, k);
            for (int t = 0; t < len; t++) {
                for (int q = 0; q < k; q++) v[q] = out[t * k + q];
                int row = rows[s + t];
                pick(row, s + t, v, 0, k, norms[row], this, labels, dist, best, second);
            }
        }
    }

    /**
     * With a native BLAS, k-means++'s distances by sgemm in float32 (‖x‖² − 2 x·c + ‖c‖², float32 norms) instead
     * of scikit-learn's float64: the seeding is a randomised heuristic, and in Java doubles it took about a fifth of
     * a 20-restart fit. Same call shapes as the Lloyd step (fixed blocks), so the same values on any thread count.
     */
    @Override
    double[][] distancesToRows(int[] ids, double[] xNorm) {
        if (blas == null) return super.distancesToRows(ids, xNorm);
        double[][] cand = new double[ids.length][];
        for (int t = 0; t < ids.length; t++) cand[t] = row(ids[t]);
        PackedCentres c = (PackedCentres) centres(cand);
        int k = c.k(), m = c.rowsPerCall;
        if (m == 0) return super.distancesToRows(ids, xNorm);
        double[][] out = new double[k][n];
        java.util.stream.IntStream.range(0, NearestCentre.blocks(n)).parallel().forEach(b -> {
            int from = b * NearestCentre.BLOCK, to = Math.min(n, from + NearestCentre.BLOCK);
            float[] v = SCRATCH.get().fit(0, Math.min(m, to - from) * k).out;
            for (int s = from; s < to; s += m) {
                int len = Math.min(m, to - s);
                for (int t = 0; t < len; t++) System.arraycopy(c.norms32, 0, v, t * k, k);
                blas.sgemm("T", "N", k, len, d, -2f, c.packed, 0, d, x, s * d, d, 1f, v, 0, k);
                for (int t = 0; t < len; t++) {
                    for (int q = 0; q < k; q++) out[q][s + t] = Math.max(0, (float) (v[t * k + q] + norms[s + t]));
                }
            }
        });
        return out;
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** A thread's gathered rows and sgemm output, grown as needed. */
    private static final class Scratch {
        float[] rows = new float[0], out = new float[0];

        Scratch fit(int rowValues, int outValues) {
            if (rows.length < rowValues) rows = new float[rowValues];
            if (out.length < outValues) out = new float[outValues];
            return this;
        }
    }

    private void nearestInJava(int[] rows, int count, PackedCentres c, int[] labels, double[] dist, double[] best,
                               double[] second, double[] v) {
        double[][] w = widened();
        int k = c.k();
        double[] dots0 = new double[k], dots1 = new double[k];
        for (int t = 0; t < count; t += 2) {
            int i0 = rows[t], i1 = t + 1 < count ? rows[t + 1] : i0;
            NearestCentre.dotsWithCentres(w[i0], w[i1], c.rows, dots0, dots1);
            for (int q = 0; q < k; q++) v[q] = (float) (c.norms[q] - 2 * dots0[q]);
            pick(i0, t, v, 0, k, norms[i0], this, labels, dist, best, second);
            if (t + 1 < count) {
                for (int q = 0; q < k; q++) v[q] = (float) (c.norms[q] - 2 * dots1[q]);
                pick(i1, t + 1, v, 0, k, norms[i1], this, labels, dist, best, second);
            }
        }
    }

    private synchronized double[][] widened() {
        if (widened == null) {
            widened = new double[n][d];
            for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) widened[i][j] = x[i * d + j];
        }
        return widened;
    }

    @Override String kernel() { return blas == null ? "Java (float32 rounding, no native BLAS)" : "BLAS sgemm (" + blas.getClass().getSimpleName() + ")"; }
}
