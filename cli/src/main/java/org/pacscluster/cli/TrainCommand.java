package org.pacscluster.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.evaluate.Scorecard;
import org.pacscluster.io.OutputFolder;
import org.pacscluster.method.ClusteringModel;
import org.pacscluster.method.Method;
import org.pacscluster.method.MethodSettings;
import org.pacscluster.method.ModelFolder;
import org.pacscluster.method.ModelCard;
import org.pacscluster.method.TrainingContext;
import org.pacscluster.metrics.LabelScores;
import org.pacscluster.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pacscluster train}: any method on a dataset's train split, scored on its test split, saved as a model. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a model of any method (fixed features + k-means, or the CAE-based deep methods) on the "
                + "train split of a dataset, score it on the test split (silhouette in the method's embedding; NMI, "
                + "homogeneity, completeness, ARI against modality and region) and save it for predict and audit.",
                "Deep methods checkpoint after every epoch (MODEL/pretrain.checkpoint, "
                        + "MODEL/pretrain.checkpoint.<method>-k<K>-finetune; for the -da methods pretrain-da.checkpoint...);"
                        + " running the same command again continues from there. A finished model is never replaced"
                        + " without --overwrite.",
                "The -da methods (cae-da, cdec-da, cidec-da) train the CAE and the clustering on randomly shifted, turned,"
                        + " zoomed and intensity-jittered copies of the images (DEC-DA; --augment and --augment-*)."},
        footer = {"", "Examples:", "  pacscluster train --dataset work/mednist --method hog --out work/model-hog",
                "  pacscluster train --dataset work/mednist --method cidec --epochs 20 --out work/model-cidec",
                "  pacscluster train --dataset work/mednist --method cidec-da --augment radiology --out work/model-cidec-da"})
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--method", required = true, paramLabel = "METHOD", completionCandidates = MethodNames.class,
            description = "one of ${COMPLETION-CANDIDATES}")
    String method;

    @Option(names = "--k", defaultValue = "25", description = "number of clusters (default ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--seed", defaultValue = "0", description = "seed of k-means, CAE weights and batch order (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "model folder to write")
    Path out;

    @Mixin
    OverwriteOption overwrite = new OverwriteOption();

    @Mixin
    DatasetOptions rows = new DatasetOptions();

    @Mixin
    MethodOptions options = new MethodOptions();

    @Mixin
    HardwareOptions hardware = new HardwareOptions();

    @Override
    public Integer call() throws Exception {
        Method m = Method.parse(method);
        MethodSettings settings = options.settings(k, seed, hardware);
        try (Dataset data = Dataset.open(rows.dataset);
             OutputFolder folder = OutputFolder.claim(out, ModelFolder.outputKind(ModelFolder.trainingKey(m, data,
                     settings, rows.trainLimit, rows.testLimit, rows.silhouetteSample)), rows.inputs(), overwrite.overwrite,
                     "train")) {
            int[] train = rows.trainRows(data, seed), test = rows.testRows(data, seed);
            ClusteringModel model = Parallel.call(hardware, () -> m.train(data, train,
                    settings, new TrainingContext(folder.dir(), Progress::console)));
            try {
                Scorecard score = null;
                if (test.length > 1) {
                    ClusteringModel.Placement placed;
                    try (Progress p = Progress.console("score test split")) {
                        placed = Parallel.call(hardware, () -> model.place(data, test, p));
                    }
                    score = Scorecard.of(data, test, placed.clusters(), placed.embedding(), rows.silhouetteSample, seed);
                }
                ClusteringModel saved = score == null ? model : model.withCard(model.card().withTestScores(score));
                saved.save(folder.dir());
                System.out.print(summary(saved.card(), score));
            } finally {
                model.close();
            }
        }
        return 0;
    }

    private String summary(ModelCard card, Scorecard score) {
        ModelCard.Training t = card.training();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "trained %s (K=%d, %d² images) on %d images in %.1f s%s%n",
                card.method().displayName(), card.k(), card.preprocessing().imageSize(), t.trainRows(), t.seconds(),
                t.device() == null ? "" : " on " + t.device()));
        if (card.method().isDeep()) {
            sb.append(String.format(Locale.ROOT, "CAE: filters %s, latent %d; pre-training %d epochs, stopped by %s, "
                            + "best validation MSE %.5f%n", Arrays.toString(card.settings().cae().filters()),
                    card.settings().cae().latent(), t.pretraining().history().size(), t.pretraining().stopReason(),
                    t.pretraining().bestValidationLoss()));
            if (t.pretraining().warning() != null) sb.append("warning: ").append(t.pretraining().warning()).append('\n');
            if (card.method().augments()) sb.append("augmentation: ").append(card.settings().augment().describe()).append('\n');
        }
        if (t.finetuning() != null) {
            sb.append(String.format(Locale.ROOT, "fine-tuning: %d epochs, %d target updates, stopped by %s%n",
                    t.finetuning().epochs(), t.finetuning().targetUpdates(), t.finetuning().stopReason()));
        }
        if (t.explainedVarianceRatio() != null) {
            sb.append(String.format(Locale.ROOT, "PCA: %d components explain %.4f of the variance%n",
                    t.explainedVarianceRatio().length, Arrays.stream(t.explainedVarianceRatio()).sum()));
        }
        if (score != null) sb.append(scoreTable(card.method().id(), score));
        else sb.append("no test split to score\n");
        sb.append("model written to ").append(out).append('\n');
        return sb.toString();
    }

    /** The test scores, one line per label kind. */
    static String scoreTable(String method, Scorecard s) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "test split, %d images:%n", s.rows()));
        sb.append(String.format(Locale.ROOT, "%-8s %-9s %10s %8s %12s %12s %8s%n", "method", "labels", "silhouette",
                "NMI", "homogeneity", "completeness", "ARI"));
        for (var e : s.labels().entrySet()) {
            LabelScores l = e.getValue();
            sb.append(String.format(Locale.ROOT, "%-8s %-9s %10.4f %8.4f %12.4f %12.4f %8.4f%n", method,
                    e.getKey().column(), s.silhouette(), l.nmi(), l.homogeneity(), l.completeness(), l.ari()));
        }
        return sb.toString();
    }
}
