package org.pacscluster.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.pacscluster.cluster.ClusteringRun;
import org.pacscluster.cluster.KMeansConfig;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.LabelKind;
import org.pacscluster.deep.CaeConfig;
import org.pacscluster.deep.DecConfig;
import org.pacscluster.deep.DeepMethod;
import org.pacscluster.deep.DeepModel;
import org.pacscluster.deep.DeepPipeline;
import org.pacscluster.embed.Embedders;
import org.pacscluster.metrics.LabelScores;
import org.pacscluster.metrics.Silhouette;
import org.pacscluster.progress.Progress;

/**
 * Runs one method once: train on the train rows, assign the test rows, score them. Fixed-feature methods go
 * through {@link ClusteringRun}; the deep ones through {@link DeepPipeline}, sharing one pre-trained CAE per run
 * through its checkpoint (as the paper does).
 */
final class MethodRunner {
    /** What a method produced on the test rows. */
    record Outcome(double[][] testEmbedding, int[] testClusters, double silhouette, Map<LabelKind, LabelScores> scores,
                   double seconds, DeepModel model) {}

    private final Dataset data;
    private final ExperimentConfig cfg;

    MethodRunner(Dataset data, ExperimentConfig cfg) {
        this.data = data;
        this.cfg = cfg;
    }

    Outcome run(String method, long seed, int[] train, int[] test, Path runDir, Function<String, Progress> progress)
            throws IOException {
        long t0 = System.nanoTime();
        if (!ExperimentConfig.DEEP.contains(method)) {
            ClusteringRun.Settings s = new ClusteringRun.Settings(
                    KMeansConfig.of(cfg.k(), seed).withNInit(cfg.kmeansInit()), cfg.silhouetteSample());
            ClusteringRun.Outcome o = ClusteringRun.run(data, train, test, Embedders.create(method), s, progress);
            return new Outcome(o.testEmbedding(), o.testClusters(), o.silhouette(), o.scores(),
                    (System.nanoTime() - t0) / 1e9, null);
        }
        CaeConfig cae = cfg.cae().withInputSize(data.imageSize()).withSeed(seed);
        DecConfig dec = DecConfig.paper(DeepMethod.parse(method)).withK(cfg.k()).withKmeansInit(cfg.kmeansInit())
                .withMaxEpochs(cfg.finetuneEpochs());
        DeepModel model = DeepPipeline.train(data, train, cae, dec, runDir.resolve("pretrain.checkpoint"), progress);
        double[][] z;
        try (Progress p = progress.apply(method + " embed test")) {
            z = model.embed(data, test, p);
        }
        int[] clusters = model.assign(data, test).clusters();
        return new Outcome(z, clusters, silhouette(z, clusters, seed), scores(test, clusters),
                (System.nanoTime() - t0) / 1e9, model);
    }

    Map<LabelKind, LabelScores> scores(int[] rows, int[] clusters) {
        Map<LabelKind, LabelScores> m = new EnumMap<>(LabelKind.class);
        for (LabelKind kind : LabelKind.values()) m.put(kind, LabelScores.of(data.labels(rows, kind), clusters));
        return m;
    }

    double silhouette(double[][] x, int[] clusters, long seed) {
        long distinct = java.util.Arrays.stream(clusters).distinct().count();
        if (distinct < 2 || distinct > clusters.length - 1) return Double.NaN;
        return Silhouette.score(x, clusters, cfg.silhouetteSample(), seed);
    }
}
