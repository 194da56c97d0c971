package org.pacscluster.deep;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import org.pacscluster.cluster.KMeans;
import org.pacscluster.cluster.KMeansConfig;
import org.pacscluster.cluster.KMeansResult;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.progress.Progress;

/**
 * Trains a CAE-based clustering model end to end: pre-train the autoencoder, k-means (n_init restarts) on its
 * embedding of the training rows, then for CDEC/CIDEC fine-tune encoder and centres. With augmentation on (DEC-DA),
 * pre-training and fine-tuning feed transformed copies; the embedding k-means starts from is always that of the
 * images as stored. What the clusters hold and how well they score is the caller's business ({@code method},
 * {@code evaluate}).
 */
public final class DeepPipeline {
    private DeepPipeline() {}

    /** Trains without augmentation (the paper's protocol); see {@link #train(Dataset, int[], CaeConfig, DecConfig, AugmentConfig, Path, Function)}. */
    public static DeepModel train(Dataset data, int[] trainRows, CaeConfig cae, DecConfig dec, Path checkpoint,
                                  Function<String, Progress> progress) throws IOException {
        return train(data, trainRows, cae, dec, AugmentConfig.none(), checkpoint, progress);
    }

    /**
     * @param augment    how pre-training and fine-tuning transform their inputs ({@link AugmentConfig#none()}: not)
     * @param checkpoint pre-training checkpoint file (resumed if present), or null; CDEC/CIDEC fine-tuning
     *                   checkpoints go next to it ({@link #finetuneCheckpoint})
     * @param progress   makes a progress display for each named phase
     */
    public static DeepModel train(Dataset data, int[] trainRows, CaeConfig cae, DecConfig dec, AugmentConfig augment,
                                  Path checkpoint, Function<String, Progress> progress) throws IOException {
        Device device = DeepRuntime.device(cae.device(), cae.threads());
        CaeNetwork net = CaeNetwork.initialise(cae, device);
        try {
            CaeTrainer.Result pre;
            String suffix = augment.enabled() ? "-da" : "";
            try (Progress p = progress.apply("pretrain cae" + suffix)) {
                pre = new CaeTrainer(net, augment).train(data, trainRows, checkpoint, p);
            }
            float[] z;
            try (Progress p = progress.apply("embed")) {
                z = Embeddings.embed(net, data, trainRows, cae.batchSize(), p);
            }
            KMeansResult km;
            try (Progress p = progress.apply("k-means")) {
                km = KMeans.fit(Embeddings.toFloatRows(z, trainRows.length, cae.latent()),
                        KMeansConfig.of(dec.k(), cae.seed()).withNInit(dec.kmeansInit()));
            }
            NDArray centres = net.manager().create(flatten(km.centres()), new Shape(dec.k(), cae.latent()));
            centres.setName(DeepModel.CENTRES);
            centres.setRequiresGradient(true);
            DecTrainer.Result fine = null;
            if (dec.method().finetunes()) {
                try (Progress p = progress.apply("finetune " + dec.method().label() + suffix)) {
                    fine = new DecTrainer(net, dec, augment).train(data, trainRows, centres, km.labels(),
                            finetuneCheckpoint(checkpoint, dec), p);
                }
            }
            return new DeepModel(net, centres, dec, pre, fine);
        } catch (IOException | RuntimeException e) {
            net.close();
            throw e;
        }
    }

    /**
     * Fine-tuning checkpoints sit next to the pre-training one, one per method and K (they share the pre-training;
     * a K sweep fine-tunes once per K).
     */
    static Path finetuneCheckpoint(Path pretrainCheckpoint, DecConfig dec) {
        return pretrainCheckpoint == null ? null : pretrainCheckpoint.resolveSibling(pretrainCheckpoint.getFileName()
                + "." + dec.method().label() + "-k" + dec.k() + "-finetune");
    }

    static float[] flatten(double[][] a) {
        int d = a[0].length;
        float[] out = new float[a.length * d];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < d; j++) out[i * d + j] = (float) a[i][j];
        return out;
    }
}
