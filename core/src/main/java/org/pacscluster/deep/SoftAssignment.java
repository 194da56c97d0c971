package org.pacscluster.deep;

import ai.djl.ndarray.NDArray;

/**
 * DEC's clustering layer and losses: Student-t soft assignments q (α = 1), the sharpened target p, KL(P‖Q) and the
 * reconstruction MSE, written so that the same formulas run in PyTorch for the parity check (parity/cae_parity.py).
 */
public final class SoftAssignment {
    /** Target probabilities are floored here so that log p stays finite; real targets are far above it. */
    static final float MIN_TARGET = 1e-12f;

    private SoftAssignment() {}

    /** q_ij = (1 + ‖z_i − μ_j‖²)⁻¹ / Σ_j' (1 + ‖z_i − μ_j'‖²)⁻¹ for z (n, d) and centres μ (k, d): (n, k). */
    public static NDArray q(NDArray z, NDArray centres) {
        NDArray d2 = z.expandDims(1).sub(centres.expandDims(0)).square().sum(new int[] {2});
        NDArray kernel = d2.add(1f).pow(-1f);
        return kernel.div(kernel.sum(new int[] {1}, true));
    }

    /**
     * DEC's target over a whole set: p_ij = (q_ij² / f_j) / Σ_j' (q_ij'² / f_j') with f_j = Σ_i q_ij.
     * {@code q} is n × k row-major; the result has the same layout.
     */
    public static float[] target(float[] q, int n, int k) {
        double[] f = new double[k];
        for (int i = 0; i < n; i++) for (int j = 0; j < k; j++) f[j] += q[i * k + j];
        float[] p = new float[n * k];
        double[] row = new double[k];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double qij = q[i * k + j];
                row[j] = f[j] > 0 ? qij * qij / f[j] : 0;
                sum += row[j];
            }
            for (int j = 0; j < k; j++) p[i * k + j] = (float) Math.max(row[j] / sum, MIN_TARGET);
        }
        return p;
    }

    /** The most likely cluster of each row of an n × k matrix. */
    public static int[] argmax(float[] q, int n, int k) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) if (q[i * k + j] > q[i * k + best]) best = j;
            out[i] = best;
        }
        return out;
    }

    /** KL(P‖Q) averaged over the batch rows: Σ_ij p_ij (log p_ij − log q_ij) / n (Keras' and PyTorch's batchmean). */
    public static NDArray kl(NDArray p, NDArray q) {
        return p.mul(p.log().sub(q.log())).sum().div((float) p.getShape().get(0));
    }

    /** Mean squared error over every pixel of the batch (not DJL's L2Loss, which is half of it). */
    public static NDArray mse(NDArray reconstruction, NDArray x) {
        return reconstruction.sub(x).square().mean();
    }
}
