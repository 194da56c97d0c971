package org.pacscluster.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.Split;
import org.pacscluster.deep.CaeConfig;
import org.pacscluster.deep.DecConfig;
import org.pacscluster.deep.DeepMethod;
import org.pacscluster.deep.DeepModel;
import org.pacscluster.deep.DeepPipeline;
import org.pacscluster.deep.ModelInfo;
import org.pacscluster.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pacscluster train}: pre-train the CAE on a dataset's train split, cluster, fine-tune, save the model. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a CAE + k-means, CDEC or CIDEC model on the train split of a dataset and save it.",
                "Pre-training and CDEC/CIDEC fine-tuning checkpoint after every epoch (MODEL/pretrain.checkpoint,"
                        + " MODEL/pretrain.checkpoint.<method>-finetune); running the same command again continues"
                        + " from there."})
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "dataset folder (from ingest)")
    Path dataset;

    @Option(names = "--method", required = true, paramLabel = "cae|cdec|cidec", description = "clustering method")
    String method;

    @Option(names = "--k", defaultValue = "25", description = "number of clusters (default ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "model folder to write")
    Path out;

    @Option(names = "--update-interval", defaultValue = "140", description = "batches between target updates (default ${DEFAULT-VALUE})")
    int updateInterval;

    @Option(names = "--kmeans-init", defaultValue = "20", description = "k-means restarts (default ${DEFAULT-VALUE})")
    int kmeansInit;

    @Option(names = "--seed", defaultValue = "0", description = "seed of weights, batch order and k-means (default ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    CaeOptions caeOptions = new CaeOptions();

    @Override
    public Integer call() throws Exception {
        DeepMethod m = DeepMethod.parse(method);
        DecConfig dec = new DecConfig(m, k, kmeansInit, 0.1, updateInterval, caeOptions.finetuneEpochs, 0.001, 0.001);
        try (Dataset data = Dataset.open(dataset)) {
            CaeConfig cae = caeOptions.toConfig(seed).withInputSize(data.imageSize());
            int[] train = data.rows(Split.TRAIN);
            if (train.length < k) {
                throw new IllegalArgumentException("the train split has " + train.length + " images, fewer than k=" + k);
            }
            try (DeepModel model = DeepPipeline.train(data, train, cae, dec, out.resolve("pretrain.checkpoint"),
                    Progress::console)) {
                model.save(out);
                printSummary(model.info());
            }
        }
        return 0;
    }

    private void printSummary(ModelInfo info) {
        ModelInfo.Provenance p = info.provenance();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "trained %s (K=%d, %d² input, filters %s, latent %d) on %d images in %.0f s on %s%n",
                info.method(), info.clustering().k(), info.cae().inputSize(), Arrays.toString(info.cae().filters()),
                info.cae().latent(), p.trainRows(), p.trainingSeconds(), p.device()));
        sb.append(String.format(Locale.ROOT, "pre-training: %d epochs, stopped by %s, best validation MSE %.5f%n",
                p.pretraining().history().size(), p.pretraining().stopReason(), p.pretraining().bestValidationLoss()));
        if (p.pretraining().warning() != null) sb.append("warning: ").append(p.pretraining().warning()).append('\n');
        if (p.finetuning() != null) {
            sb.append(String.format(Locale.ROOT, "fine-tuning: %d epochs, %d target updates, stopped by %s%n",
                    p.finetuning().epochs(), p.finetuning().targetUpdates(), p.finetuning().stopReason()));
        }
        if (p.testMetrics() != null) {
            ModelInfo.Metrics t = p.testMetrics();
            sb.append(String.format(Locale.ROOT, "test split (%d images): NMI modality %.3f, region %.3f; homogeneity modality %.3f, region %.3f%n",
                    t.rows(), t.nmiModality(), t.nmiRegion(), t.homogeneityModality(), t.homogeneityRegion()));
        }
        sb.append("model written to ").append(out);
        System.out.println(sb);
    }
}
