package org.pacscluster.method;

import java.io.IOException;
import java.nio.file.Path;
import org.pacscluster.cluster.Assignments;
import org.pacscluster.cluster.KMeans;
import org.pacscluster.cluster.KMeansResult;
import org.pacscluster.cluster.StudentT;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.embed.Embedder;
import org.pacscluster.progress.Progress;

/**
 * A fixed-feature model (PCA, HOG, LBP): an embedder fitted on the training rows and the k-means centres of their
 * embedding. A row belongs to its nearest centre, with DEC's Student-t q as its probability.
 */
final class FixedFeatureModel implements ClusteringModel {
    private final ModelCard card;
    private final Embedder embedder;
    private final double[][] centres;

    FixedFeatureModel(ModelCard card, Embedder embedder, double[][] centres) {
        this.card = card;
        this.embedder = embedder;
        this.centres = centres;
    }

    /** Fits the embedder on {@code rows}, then k-means on their embedding. */
    static FixedFeatureModel train(Method method, Dataset data, int[] rows, MethodSettings settings,
                                   TrainingContext context) throws IOException {
        long t0 = System.nanoTime();
        Embedder embedder = method.newEmbedder(settings);
        try (Progress p = context.progress().apply(method.id() + " fit")) { embedder.fit(data, rows, p); }
        double[][] x;
        try (Progress p = context.progress().apply(method.id() + " embed")) { x = embedder.transform(data, rows, p); }
        KMeansResult km;
        try (Progress p = context.progress().apply(method.id() + " k-means")) { km = KMeans.fit(x, settings.kmeans()); }
        ModelCard.Training training = ModelCard.Training.fixedFeatures(rows.length, (System.nanoTime() - t0) / 1e9,
                km.inertia(), embedder);
        ModelCard card = ModelCard.describe(method, settings, data, rows, km.labels(), training,
                Novelty.calibrate(x, km.labels(), km.centres()));
        return new FixedFeatureModel(card, embedder, km.centres());
    }

    @Override public ModelCard card() { return card; }

    @Override public ClusteringModel withCard(ModelCard c) { return new FixedFeatureModel(c, embedder, centres); }

    @Override
    public double[][] embed(Dataset data, int[] rows, Progress progress) throws IOException {
        data.requireImageSize(card.preprocessing().imageSize());
        return embedder.transform(data, rows, progress);
    }

    @Override
    public Assignments assign(Dataset data, int[] rows, Progress progress) throws IOException {
        return place(data, rows, progress).assignments();
    }

    @Override
    public Placement place(Dataset data, int[] rows, Progress progress) throws IOException {
        double[][] x = embed(data, rows, progress);
        return new Placement(x, StudentT.assign(x, centres));
    }

    @Override public double[][] centres() { return centres; }

    @Override public void saveState(Path dir) throws IOException { embedder.save(dir); }
}
