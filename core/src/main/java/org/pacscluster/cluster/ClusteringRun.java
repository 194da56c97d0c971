package org.pacscluster.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.ImageRecord;
import org.pacscluster.dataset.LabelKind;
import org.pacscluster.dataset.Split;
import org.pacscluster.embed.Embedder;
import org.pacscluster.embed.PcaEmbedder;
import org.pacscluster.io.AtomicFiles;
import org.pacscluster.io.Csv;
import org.pacscluster.metrics.LabelScores;
import org.pacscluster.metrics.Silhouette;
import org.pacscluster.progress.Progress;

/**
 * One end-to-end run of a fixed-embedding method: fit the embedder on the train split, k-means on the train
 * embeddings, assign the test split to the nearest centres, and score the test split — silhouette in the method's
 * own feature space, and the label scores against modality and region. Used by {@code cluster} and, repeated
 * over seeds, by the experiment command.
 */
public final class ClusteringRun {
    public static final String ASSIGNMENTS = "assignments.csv";
    public static final String METRICS = "metrics.json";

    /**
     * What to run besides the embedder itself.
     *
     * @param kmeans           k-means settings (k, restarts, seed, ...)
     * @param silhouetteSample at most this many test rows enter the silhouette (seeded sample; exact below it)
     */
    public record Settings(KMeansConfig kmeans, int silhouetteSample) {
        public Settings {
            if (kmeans == null) throw new IllegalArgumentException("k-means settings are required");
            if (silhouetteSample < 2) throw new IllegalArgumentException("silhouette sample must be at least 2, got " + silhouetteSample);
        }
    }

    /**
     * The result of a run.
     *
     * @param method        embedder name
     * @param embedder      the fitted embedder
     * @param model         the k-means fit on the train embeddings
     * @param trainRows     dataset rows of the train split, in order
     * @param testRows      dataset rows of the test split, in order
     * @param testEmbedding test embeddings (one row per test image)
     * @param testClusters  cluster of each test image
     * @param silhouette    silhouette of the test clusters in the embedding space (NaN with fewer than 2 clusters)
     * @param scores        test-split label scores per label kind
     * @param seconds       wall-clock seconds per stage: embed_fit, embed_train, kmeans, embed_test, evaluate, total
     */
    public record Outcome(String method, Embedder embedder, KMeansResult model, int[] trainRows, int[] testRows,
                          double[][] testEmbedding, int[] testClusters, double silhouette,
                          Map<LabelKind, LabelScores> scores, Map<String, Double> seconds) {}

    private ClusteringRun() {}

    /**
     * Runs {@code embedder} + k-means on {@code data}. {@code progress} makes one progress display per stage name
     * (use {@code name -> Progress.NONE} to show nothing).
     */
    public static Outcome run(Dataset data, Embedder embedder, Settings settings, Function<String, Progress> progress)
            throws IOException {
        return run(data, data.rows(Split.TRAIN), data.rows(Split.TEST), embedder, settings, progress);
    }

    /** As above on chosen rows (e.g. a seeded subset of each split, to fit a time budget). */
    public static Outcome run(Dataset data, int[] train, int[] test, Embedder embedder, Settings settings,
                              Function<String, Progress> progress) throws IOException {
        if (train.length == 0) throw new IllegalArgumentException("dataset " + data.directory() + " has an empty train split");
        if (test.length == 0) throw new IllegalArgumentException("dataset " + data.directory() + " has an empty test split");
        if (settings.kmeans().k() > train.length) {
            throw new IllegalArgumentException("k=" + settings.kmeans().k() + " is larger than the train split (" + train.length + " images)");
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t0 = System.nanoTime(), t = t0;
        try (Progress p = progress.apply(embedder.name() + " fit")) { embedder.fit(data, train, p); }
        t = lap(seconds, "embed_fit", t);
        double[][] trainX;
        try (Progress p = progress.apply(embedder.name() + " train")) { trainX = embedder.transform(data, train, p); }
        t = lap(seconds, "embed_train", t);
        KMeansResult km = KMeans.fit(trainX, settings.kmeans());
        t = lap(seconds, "kmeans", t);
        double[][] testX;
        try (Progress p = progress.apply(embedder.name() + " test")) { testX = embedder.transform(data, test, p); }
        t = lap(seconds, "embed_test", t);
        int[] testClusters = km.predict(testX);
        Map<LabelKind, LabelScores> scores = new EnumMap<>(LabelKind.class);
        for (LabelKind kind : LabelKind.values()) scores.put(kind, LabelScores.of(data.labels(test, kind), testClusters));
        double sil = distinct(testClusters) < 2 || distinct(testClusters) > test.length - 1 ? Double.NaN
                : Silhouette.score(testX, testClusters, settings.silhouetteSample(), settings.kmeans().seed());
        lap(seconds, "evaluate", t);
        seconds.put("total", (System.nanoTime() - t0) / 1e9);
        return new Outcome(embedder.name(), embedder, km, train, test, testX, testClusters, sil, scores, seconds);
    }

    private static long lap(Map<String, Double> seconds, String name, long since) {
        long now = System.nanoTime();
        seconds.put(name, (now - since) / 1e9);
        return now;
    }

    private static int distinct(int[] labels) {
        return (int) java.util.Arrays.stream(labels).distinct().count();
    }

    /**
     * Writes {@code assignments.csv} (id, split, cluster, modality, region for train and test), {@code metrics.json},
     * the fitted embedder ({@code embedder/}) and the centres ({@code centres.csv}) into {@code out}.
     */
    public static void write(Outcome o, Dataset data, Settings settings, Path out) throws IOException {
        Files.createDirectories(out);
        AtomicFiles.writeText(out.resolve(ASSIGNMENTS), w -> {
            w.write(Csv.line("id", "split", "cluster", "modality", "region"));
            w.write('\n');
            writeRows(w, data, o.trainRows(), o.model().labels());
            writeRows(w, data, o.testRows(), o.testClusters());
        });
        AtomicFiles.writeText(out.resolve("centres.csv"), w -> {
            for (double[] c : o.model().centres()) {
                StringBuilder sb = new StringBuilder();
                for (int j = 0; j < c.length; j++) { if (j > 0) sb.append(','); sb.append(c[j]); }
                w.write(sb.append('\n').toString());
            }
        });
        o.embedder().save(out.resolve("embedder"));
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.writeString(out.resolve(METRICS), json.writeValueAsString(summary(o, data, settings)) + "\n");
    }

    private static void writeRows(java.io.Writer w, Dataset data, int[] rows, int[] clusters) throws IOException {
        for (int i = 0; i < rows.length; i++) {
            ImageRecord r = data.record(rows[i]);
            w.write(Csv.line(r.id(), r.split().label(), clusters[i], r.modality(), r.region()));
            w.write('\n');
        }
    }

    /** The content of metrics.json. */
    public static Map<String, Object> summary(Outcome o, Dataset data, Settings settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", o.method());
        m.put("dataset", data.directory().toAbsolutePath().toString());
        m.put("image_size", data.imageSize());
        m.put("train_images", o.trainRows().length);
        m.put("test_images", o.testRows().length);
        m.put("embedding_dimension", o.embedder().dimension());
        if (o.embedder() instanceof PcaEmbedder pca) {
            m.put("explained_variance_ratio", pca.model().explainedVarianceRatio());
            m.put("explained_variance_total", pca.model().explainedVariance());
        }
        Map<String, Object> km = new LinkedHashMap<>();
        km.put("k", settings.kmeans().k());
        km.put("n_init", settings.kmeans().nInit());
        km.put("max_iter", settings.kmeans().maxIter());
        km.put("tol", settings.kmeans().tol());
        km.put("seed", settings.kmeans().seed());
        km.put("train_inertia", o.model().inertia());
        km.put("iterations", o.model().iterations());
        m.put("kmeans", km);
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("silhouette", Double.isNaN(o.silhouette()) ? null : o.silhouette());
        test.put("silhouette_sample", Math.min(settings.silhouetteSample(), o.testRows().length));
        for (var e : o.scores().entrySet()) test.put(e.getKey().column(), e.getValue().asMap());
        m.put("test", test);
        m.put("seconds", o.seconds());
        return m;
    }

    /** A plain-text table of the test scores: one line per label kind. */
    public static String table(Outcome o) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-8s %-9s %10s %8s %12s %12s %8s%n", "method", "labels", "silhouette", "NMI",
                "homogeneity", "completeness", "ARI"));
        for (var e : o.scores().entrySet()) {
            LabelScores s = e.getValue();
            sb.append(String.format("%-8s %-9s %10.4f %8.4f %12.4f %12.4f %8.4f%n", o.method(), e.getKey().column(),
                    o.silhouette(), s.nmi(), s.homogeneity(), s.completeness(), s.ari()));
        }
        return sb.toString();
    }
}
