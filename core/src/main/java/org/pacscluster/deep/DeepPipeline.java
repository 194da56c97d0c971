package org.pacscluster.deep;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.pacscluster.io.BuildInfo;
import org.pacscluster.cluster.KMeans;
import org.pacscluster.cluster.KMeansConfig;
import org.pacscluster.cluster.KMeansResult;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.LabelKind;
import org.pacscluster.dataset.Split;
import org.pacscluster.metrics.LabelScores;
import org.pacscluster.progress.Progress;

/**
 * Trains a CAE-based clustering model end to end: pre-train the autoencoder, k-means (n_init restarts) on its
 * embedding of the training rows, then for CDEC/CIDEC fine-tune encoder and centres; finally summarise the
 * clusters on the training rows and score the test split.
 */
public final class DeepPipeline {
    private DeepPipeline() {}

    /**
     * @param checkpoint pre-training checkpoint file (resumed if present), or null; CDEC/CIDEC fine-tuning
     *                   checkpoints go next to it ({@link #finetuneCheckpoint})
     * @param progress   makes a progress display for each named phase
     */
    public static DeepModel train(Dataset data, int[] trainRows, CaeConfig cae, DecConfig dec, Path checkpoint,
                                  Function<String, Progress> progress) throws IOException {
        long t0 = System.nanoTime();
        Device device = DeepRuntime.device(cae.device(), cae.threads());
        CaeNetwork net = CaeNetwork.initialise(cae, device);
        try {
            CaeTrainer.Result pre;
            try (Progress p = progress.apply("pretrain cae")) {
                pre = new CaeTrainer(net).train(data, trainRows, checkpoint, p);
            }
            float[] z;
            try (Progress p = progress.apply("embed")) {
                z = Embeddings.embed(net, data, trainRows, cae.batchSize(), p);
            }
            KMeansResult km = KMeans.fit(Embeddings.toRows(z, trainRows.length, cae.latent()),
                    KMeansConfig.of(dec.k(), cae.seed()).withNInit(dec.kmeansInit()));
            NDArray centres = net.manager().create(flatten(km.centres()), new Shape(dec.k(), cae.latent()));
            centres.setName(DeepModel.CENTRES);
            centres.setRequiresGradient(true);
            DecTrainer.Result fine = null;
            if (dec.method().finetunes()) {
                try (Progress p = progress.apply("finetune " + dec.method().label())) {
                    fine = new DecTrainer(net, dec).train(data, trainRows, centres, km.labels(),
                            finetuneCheckpoint(checkpoint, dec.method()), p);
                }
            }
            ModelInfo unfinished = new ModelInfo(ModelInfo.FORMAT_VERSION, dec.method().label(), cae, dec,
                    new ModelInfo.Preprocessing(cae.inputSize(), "aspect ratio kept, longer side = S (bilinear), centred on zero padding",
                            "min-max per image to [0,1]"), List.of(), null, null);
            DeepModel model = new DeepModel(net, centres, unfinished);
            DeepModel.Assignments train = model.assign(data, trainRows);
            int[] testRows = data.rows(Split.TEST);
            ModelInfo.Metrics metrics = testRows.length == 0 ? null : score(data, testRows, model.assign(data, testRows).clusters());
            ModelInfo.Provenance prov = new ModelInfo.Provenance(data.directory().toAbsolutePath().toString(),
                    data.manifest(), trainRows.length, cae.seed(), BuildInfo.tool() + ", " + DeepRuntime.versions()
                    + ", Java " + System.getProperty("java.version"), device.toString(), (System.nanoTime() - t0) / 1e9,
                    pre, fine, metrics, Instant.now().toString());
            ModelInfo info = new ModelInfo(ModelInfo.FORMAT_VERSION, dec.method().label(), cae, dec,
                    unfinished.preprocessing(), summarise(data, trainRows, train.clusters(), dec.k()),
                    vocabulary(data, trainRows), prov);
            return new DeepModel(net, centres, info);
        } catch (IOException | RuntimeException e) {
            net.close();
            throw e;
        }
    }

    /** Fine-tuning checkpoints sit next to the pre-training one, one per method (they share the pre-training). */
    static Path finetuneCheckpoint(Path pretrainCheckpoint, DeepMethod method) {
        return pretrainCheckpoint == null ? null
                : pretrainCheckpoint.resolveSibling(pretrainCheckpoint.getFileName() + "." + method.label() + "-finetune");
    }

    static ModelInfo.Metrics score(Dataset data, int[] rows, int[] clusters) {
        LabelScores mod = LabelScores.of(data.labels(rows, LabelKind.MODALITY), clusters);
        LabelScores reg = LabelScores.of(data.labels(rows, LabelKind.REGION), clusters);
        return new ModelInfo.Metrics(rows.length, mod.nmi(), mod.homogeneity(), reg.nmi(), reg.homogeneity());
    }

    /** Each cluster's size and majority modality/region on the given rows (empty clusters say so). */
    static List<ModelInfo.ClusterSummary> summarise(Dataset data, int[] rows, int[] clusters, int k) {
        String[] mod = data.labels(rows, LabelKind.MODALITY), reg = data.labels(rows, LabelKind.REGION);
        List<ModelInfo.ClusterSummary> out = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            Map<String, Integer> m = new HashMap<>(), r = new HashMap<>();
            int size = 0;
            for (int i = 0; i < rows.length; i++) {
                if (clusters[i] != c) continue;
                size++;
                m.merge(mod[i], 1, Integer::sum);
                r.merge(reg[i], 1, Integer::sum);
            }
            Map.Entry<String, Integer> bm = majority(m), br = majority(r);
            out.add(new ModelInfo.ClusterSummary(c, size, bm == null ? "" : bm.getKey(),
                    bm == null ? 0 : bm.getValue() / (double) size, br == null ? "" : br.getKey(),
                    br == null ? 0 : br.getValue() / (double) size));
        }
        return out;
    }

    /** The most frequent label; ties go to the alphabetically first so the result does not depend on hashing. */
    private static Map.Entry<String, Integer> majority(Map<String, Integer> counts) {
        Map.Entry<String, Integer> best = null;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (best == null || e.getValue() > best.getValue()
                    || (e.getValue().equals(best.getValue()) && e.getKey().compareTo(best.getKey()) < 0)) best = e;
        }
        return best;
    }

    static ModelInfo.Vocabulary vocabulary(Dataset data, int[] rows) {
        return new ModelInfo.Vocabulary(List.copyOf(new TreeSet<>(List.of(data.labels(rows, LabelKind.MODALITY)))),
                List.copyOf(new TreeSet<>(List.of(data.labels(rows, LabelKind.REGION)))));
    }

    static float[] flatten(double[][] a) {
        int d = a[0].length;
        float[] out = new float[a.length * d];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < d; j++) out[i * d + j] = (float) a[i][j];
        return out;
    }
}
