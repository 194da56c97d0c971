package org.pacscluster.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.progress.Progress;

/** Runs the encoder (and the clustering layer) over many rows, batch by batch, without gradients. */
final class Embeddings {
    private Embeddings() {}

    /** The embeddings of {@code rows}: rows.length × latent, row-major. */
    static float[] embed(CaeNetwork net, Dataset data, int[] rows, int batchSize, Progress progress) {
        DeepRuntime.gradientsOffOnThisThread();
        int d = net.config().latent();
        float[] out = new float[rows.length * d];
        int at = 0;
        for (int[] batch : Dataset.batches(rows, batchSize)) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray z = net.encode(net.input(net.manager(), data.images(batch), batch.length));
                System.arraycopy(z.toFloatArray(), 0, out, at * d, batch.length * d);
            }
            at += batch.length;
            progress.step(at, rows.length);
        }
        return out;
    }

    /** Soft assignments q of {@code rows} to {@code centres}: rows.length × k, row-major. */
    static float[] softAssign(CaeNetwork net, NDArray centres, Dataset data, int[] rows, int batchSize) {
        DeepRuntime.gradientsOffOnThisThread();
        int k = (int) centres.getShape().get(0);
        float[] out = new float[rows.length * k];
        int at = 0;
        for (int[] batch : Dataset.batches(rows, batchSize)) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray z = net.encode(net.input(net.manager(), data.images(batch), batch.length));
                System.arraycopy(SoftAssignment.q(z, centres).toFloatArray(), 0, out, at * k, batch.length * k);
            }
            at += batch.length;
        }
        return out;
    }

    /**
     * The embedding as float32 rows: k-means then runs in float32, as scikit-learn does for the float32 arrays a
     * network produces (see {@link org.pacscluster.cluster.KMeans}).
     */
    static float[][] toFloatRows(float[] flat, int n, int d) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) out[i] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        return out;
    }

    static double[][] toRows(float[] flat, int n, int d) {
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) out[i][j] = flat[i * d + j];
        return out;
    }
}
