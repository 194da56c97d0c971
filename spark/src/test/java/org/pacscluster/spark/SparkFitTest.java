package org.pacscluster.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.cli.Main;
import org.pacscluster.cluster.KMeans;
import org.pacscluster.cluster.KMeansResult;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.evaluate.ClusterMakeup;
import org.pacscluster.ingest.MedNistSubset;
import org.pacscluster.method.ClusteringModel;
import org.pacscluster.method.Hardware;
import org.pacscluster.method.Method;
import org.pacscluster.method.ModelFolder;
import org.pacscluster.method.Novelty;
import org.pacscluster.metrics.LabelMetrics;
import org.pacscluster.pacs.PacsSourceOptions;
import org.pacscluster.progress.Progress;

/**
 * {@code spark fit} writes a model folder the core loads and the single-JVM {@code predict} uses, and its k-means
 * is as good as the core's on the same embedding. Real Spark ({@code local[2]}), a real MedNIST subset.
 *
 * <p>How the centres are checked: Spark ML's {@code KMeans} starts from k-means|| (5 restarts here, the lowest
 * inertia kept), the core's from k-means++ (10 restarts), so their centres need not agree value for value (k-means has many local optima, and
 * cluster numbers are arbitrary). What must agree is the quality of the partition: on the single-JVM embedding of
 * the same images (the saved model's own embedder), the inertia of Spark's centres is within 5 % of the core's
 * k-means (10 restarts), and the two partitions agree (ARI, which ignores cluster numbering). The rest is checked
 * against the core's own functions on the single-JVM embedding: the card's novelty calibration
 * ({@link Novelty#calibrate}) and cluster make-up ({@link ClusterMakeup#of}), which holds only if every image was
 * embedded and assigned on the executors exactly as on one machine.
 */
class SparkFitTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path dataset;

    @BeforeAll
    static void prepare() throws Exception {
        spark = LocalSpark.start(2);
        Path zip = tmp.resolve("m.zip"), labels = tmp.resolve("labels.csv");
        MedNistSubset.write(zip, labels, 20, Map.of());
        dataset = tmp.resolve("mednist-ds");
        LocalSpark.cli("ingest", zip.toString(), "--labels", labels.toString(), "--size", "32", "--out", dataset.toString());
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    @Test
    void pcaFitLoadsInTheCoreAndMatchesItsKMeans() throws Exception {
        Path out = tmp.resolve("model-pca");
        FitJob.Result r = FitJob.run(spark, java.util.List.of(dataset.toString()),
                new FitJob.Settings(Method.PCA, 6, 3, 5, 10_000, null, 32, null, "middle", 3), PacsSourceOptions.NONE, out,
                false, FaultHook.NONE);
        try (Dataset data = Dataset.open(dataset);
             ClusteringModel model = ModelFolder.load(out, new Hardware(1, "cpu"))) {
            int[] rows = java.util.stream.IntStream.range(0, data.size()).toArray();
            assertEquals(Method.PCA, model.method());
            assertEquals(6, model.k());
            assertEquals(data.size(), r.images());
            assertEquals(data.size(), model.card().training().trainRows());

            double[][] x = model.embed(data, rows, Progress.NONE);
            int[] spark = model.assign(data, rows, Progress.NONE).clusters();
            KMeansResult core = KMeans.fit(x, model.card().settings().kmeans().withNInit(10));
            double sparkInertia = 0;
            for (double d : Novelty.distances(x, spark, model.centres())) sparkInertia += d * d;
            double ari = LabelMetrics.ari(core.labels(), spark);
            System.out.printf(Locale.ROOT, "spark fit pca: %d images, k=6, inertia spark %.6g, core %.6g (ratio %.4f),"
                    + " ARI %.4f%n", rows.length, sparkInertia, core.inertia(), sparkInertia / core.inertia(), ari);
            assertTrue(sparkInertia <= 1.05 * core.inertia(), sparkInertia + " vs " + core.inertia());
            assertTrue(ari >= 0.6, "ARI " + ari);
            assertEquals(sparkInertia, model.card().training().kmeansInertia(), 1e-9 * sparkInertia);

            assertArrayEquals(Novelty.calibrate(x, spark, model.centres()).quantiles(),
                    model.card().novelty().quantiles(), 1e-9);
            assertEquals(ClusterMakeup.of(data, rows, spark, 6), model.card().clusters());

            // the single-JVM predict uses the model: its clusters are the model's
            Path csv = tmp.resolve("pca-predict.csv");
            LocalSpark.cli("predict", "--model", out.toString(), dataset.toString(), "--threads", "1", "--out",
                    csv.toString());
            Map<String, LocalSpark.Assigned> predicted = LocalSpark.fromCsv(csv);
            assertEquals(rows.length, predicted.size());
            for (int i = 0; i < rows.length; i++) {
                assertEquals(spark[i], predicted.get(data.record(i).id()).cluster(), data.record(i).id());
            }
        }
    }

    @Test
    void descriptorFitFromTheCommandLineAndRefusals() throws Exception {
        Path out = tmp.resolve("model-hog");
        LocalSpark.cli("spark", "fit", "--method", "hog", "--k", "4", "--seed", "1", dataset.toString(), "--out",
                out.toString());
        try (Dataset data = Dataset.open(dataset);
             ClusteringModel model = ModelFolder.load(out, new Hardware(1, "cpu"))) {
            int[] rows = java.util.stream.IntStream.range(0, data.size()).toArray();
            assertEquals(Method.HOG, model.method());
            double[][] x = model.embed(data, rows, Progress.NONE);
            int[] clusters = model.assign(data, rows, Progress.NONE).clusters();
            assertArrayEquals(Novelty.calibrate(x, clusters, model.centres()).quantiles(),
                    model.card().novelty().quantiles(), 1e-9);
        }
        // re-clustering the PCA model's embedding at another k keeps its fitted axes
        Path pca = tmp.resolve("model-pca-for-refit");
        FitJob.run(spark, java.util.List.of(dataset.toString()),
                new FitJob.Settings(Method.PCA, 3, 1, 1, 50, null, 32, null, "middle", 2), PacsSourceOptions.NONE, pca,
                false, FaultHook.NONE);
        Path refit = tmp.resolve("model-pca-refit");
        LocalSpark.cli("spark", "fit", "--from-model", pca.toString(), "--k", "5", dataset.toString(), "--out",
                refit.toString());
        try (Dataset data = Dataset.open(dataset);
             ClusteringModel a = ModelFolder.load(pca, new Hardware(1, "cpu"));
             ClusteringModel b = ModelFolder.load(refit, new Hardware(1, "cpu"))) {
            int[] rows = java.util.stream.IntStream.range(0, data.size()).toArray();
            assertEquals(5, b.k());
            double[][] xa = a.embed(data, rows, Progress.NONE), xb = b.embed(data, rows, Progress.NONE);
            for (int i = 0; i < xa.length; i++) assertArrayEquals(xa[i], xb[i], 0);
        }

        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        int deep, existing;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            deep = Main.run("spark", "fit", "--method", "cae", "--k", "4", dataset.toString(), "--out",
                    tmp.resolve("m-cae").toString());
            existing = Main.run("spark", "fit", "--method", "hog", "--k", "4", dataset.toString(), "--out", out.toString());
        } finally {
            System.setErr(old);
        }
        String text = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, deep, text);
        assertEquals(1, existing, text);
        assertEquals(2, text.lines().filter(l -> l.startsWith("error: ")).count(), text);
        assertTrue(text.contains("pacscluster train"), text);
        assertTrue(text.lines().noneMatch(l -> l.trim().startsWith("at ")), "no stack trace: " + text);
    }
}
