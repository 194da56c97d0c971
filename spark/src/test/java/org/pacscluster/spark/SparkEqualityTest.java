package org.pacscluster.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.SharedData;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.ImageRecord;
import org.pacscluster.ingest.MedNistSubset;
import org.pacscluster.cluster.Assignments;
import org.pacscluster.io.Csv;
import org.pacscluster.method.ClusteringModel;
import org.pacscluster.method.Hardware;
import org.pacscluster.method.ModelFolder;
import org.pacscluster.progress.Progress;
import org.pacscluster.pacs.PacsSourceOptions;

/**
 * The Spark jobs give the single-JVM commands' answers on the same inputs: ingest (ids, labels, pixels, rejected
 * files and reasons) on the shared DICOM folder; predict of a fixed-feature (PCA) and a deep (CAE) model on the
 * DICOM folder and on a MedNIST subset; the audit on MedNIST. Real Spark (local[2]), real data, tiny models.
 */
class SparkEqualityTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path dicom, dicomDataset, mednistDataset, pcaModel, caeModel;

    @BeforeAll
    static void prepare() throws Exception {
        spark = LocalSpark.start(2);
        dicom = SharedData.data("dicom");
        dicomDataset = tmp.resolve("dicom-ds");
        LocalSpark.cli("ingest", dicom.toString(), "--size", "32", "--threads", "2", "--out", dicomDataset.toString());
        Path zip = tmp.resolve("m.zip"), labels = tmp.resolve("labels.csv");
        MedNistSubset.write(zip, labels, 12, Map.of());
        mednistDataset = tmp.resolve("mednist-ds");
        LocalSpark.cli("ingest", zip.toString(), "--labels", labels.toString(), "--size", "32", "--out",
                mednistDataset.toString());
        pcaModel = tmp.resolve("model-pca");
        LocalSpark.cli("train", "--dataset", dicomDataset.toString(), "--method", "pca", "--k", "4", "--kmeans-init", "2",
                "--threads", "1", "--out", pcaModel.toString());
        caeModel = tmp.resolve("model-cae");
        LocalSpark.cli("train", "--dataset", mednistDataset.toString(), "--method", "cae", "--k", "4", "--kmeans-init",
                "2", "--epochs", "1", "--filters", "16,16", "--latent", "8", "--batch", "16", "--threads", "1", "--device",
                "cpu", "--out", caeModel.toString());
    }

    @AfterAll
    static void stop() {
        ShippedModel.releaseAll();
        if (spark != null) spark.stop();
    }

    @Test
    void ingestGivesTheSingleJvmIdsLabelsPixelsAndRejections() throws Exception {
        String out = tmp.resolve("spark-ingest").toString();
        IngestJob.Counts c = IngestJob.run(spark, List.of(dicom.toString()), new Decoding(32, 8, null, "middle"),
                PacsSourceOptions.NONE, 3, out, false, FaultHook.NONE);
        try (Dataset single = Dataset.open(dicomDataset)) {
            Map<String, Row> byId = new HashMap<>();
            for (Row r : spark.read().parquet(out + "/images").collectAsList()) byId.put(r.getAs("id"), r);
            assertEquals(single.size(), c.images());
            assertEquals(single.size(), byId.size());
            int bytes = single.pixelsPerImage();
            for (ImageRecord rec : single.records()) {
                Row r = byId.get(rec.id());
                assertEquals(rec.source(), r.getAs("source"), rec.id());
                assertEquals(rec.modality(), r.getAs("modality"), rec.id());
                assertEquals(rec.region(), r.getAs("region"), rec.id());
                assertEquals(rec.bodyPartExamined(), r.getAs("body_part_examined"), rec.id());
                String study = r.getAs("study_instance_uid");
                assertTrue(study != null && !study.isEmpty(), rec.id() + " has a study UID");
                byte[] px = r.getAs("pixels");
                assertEquals(bytes, px.length);
                double[] levels = new double[bytes];
                single.readLevels(rec.row(), levels, 0);
                for (int i = 0; i < bytes; i++) assertEquals(levels[i], px[i] & 0xFF, rec.id() + " pixel " + i);
            }
            Map<String, String> rejected = new TreeMap<>();
            for (Row r : spark.read().parquet(out + "/rejected").collectAsList()) rejected.put(r.getString(0), r.getString(1));
            Map<String, String> expected = new TreeMap<>();
            for (List<String> r : Csv.read(dicomDataset.resolve(Dataset.REJECTED)).rows()) expected.put(r.get(0), r.get(1));
            assertEquals(expected, rejected);
            System.out.printf(Locale.ROOT, "spark ingest of %s: %d images (ids, labels, pixels equal to the single-JVM"
                    + " ingest), %d rejected (same files and reasons)%n", dicom, c.images(), c.rejected());
        }
    }

    @Test
    void predictOnDicomFilesEqualsSingleJvmPredictForAFixedFeatureAndADeepModel() throws Exception {
        for (Path model : List.of(pcaModel, caeModel)) {
            compare(model, dicom.toString(), "dicom-" + model.getFileName());
        }
    }

    @Test
    void predictOnMedNistEqualsSingleJvmPredict() throws Exception {
        compare(caeModel, mednistDataset.toString(), "mednist-cae");
    }

    @Test
    void auditOnMedNistEqualsSingleJvmAudit() throws Exception {
        Path csv = tmp.resolve("audit-single.csv");
        LocalSpark.cli("audit", "--model", pcaModel.toString(), mednistDataset.toString(), "--threads", "1", "--out",
                csv.toString());
        String out = tmp.resolve("audit-spark").toString();
        AssignJob.run(spark, List.of(mednistDataset.toString()), settings(pcaModel), PacsSourceOptions.NONE, out, true,
                FaultHook.NONE);
        Csv.Table single = Csv.read(csv);
        List<Row> rows = spark.read().parquet(out + "/findings").collectAsList();
        assertEquals(single.rows().size(), rows.size());
        List<String> expected = new ArrayList<>(), actual = new ArrayList<>();
        for (List<String> r : single.rows()) expected.add(String.join("|", r.subList(0, 6)) + "|" + r.get(7));
        for (Row r : rows) {
            actual.add(String.join("|", r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                    r.getString(5)) + "|" + r.getInt(7));
        }
        assertEquals(expected, actual, "findings in the same order");
        double maxDiff = 0;
        for (int i = 0; i < rows.size(); i++) {
            maxDiff = Math.max(maxDiff, Math.abs(Double.parseDouble(single.rows().get(i).get(6)) - rows.get(i).getDouble(6)));
        }
        assertTrue(maxDiff <= 5e-5 + 1e-6, "confidence differs by " + maxDiff);
        System.out.printf(Locale.ROOT, "spark audit of %s: %d findings, same rows in the same order as the single-JVM"
                + " audit; max confidence difference %.2e (CSV has 4 decimals)%n", mednistDataset, rows.size(), maxDiff);
    }

    static AssignJob.Settings settings(Path model) {
        return new AssignJob.Settings(model, 1, "cpu", null, "middle", 3);
    }

    /** Single-JVM predict vs the Spark job: same ids, same clusters, probabilities within the CSV's rounding. */
    private static void compare(Path model, String source, String name) throws Exception {
        Path csv = tmp.resolve(name + ".csv");
        LocalSpark.cli("predict", "--model", model.toString(), source, "--threads", "1", "--device", "cpu", "--out",
                csv.toString());
        String out = tmp.resolve(name + "-spark").toString();
        AssignJob.Result r = AssignJob.run(spark, List.of(source), settings(model), PacsSourceOptions.NONE, out, false,
                FaultHook.NONE);
        Map<String, LocalSpark.Assigned> single = LocalSpark.fromCsv(csv);
        Map<String, LocalSpark.Assigned> distributed = LocalSpark.fromTable(spark, out + "/assignments");
        assertEquals(single.keySet(), distributed.keySet(), name + ": ids");
        double maxDiff = 0;
        int sameCluster = 0;
        for (var e : single.entrySet()) {
            LocalSpark.Assigned a = e.getValue(), b = distributed.get(e.getKey());
            if (a.cluster() == b.cluster()) sameCluster++;
            maxDiff = Math.max(maxDiff, Math.abs(a.probability() - b.probability()));
            assertEquals(a.clusterModality(), b.clusterModality());
            assertEquals(a.clusterRegion(), b.clusterRegion());
        }
        // the CSV rounds to 4 decimals: the exact floats of the same model on the single-JVM dataset as well
        Path ds = Files.exists(Path.of(source, "dataset.json")) ? Path.of(source) : Path.of(csv + ".dataset");
        double exactDiff = 0;
        try (Dataset d = Dataset.open(ds); ClusteringModel m = ModelFolder.load(model, new Hardware(1, "cpu"))) {
            Assignments a = m.assign(d, d.allRows(), Progress.NONE);
            for (int i = 0; i < d.size(); i++) {
                LocalSpark.Assigned b = distributed.get(d.record(i).id());
                assertEquals(a.clusters()[i], b.cluster());
                exactDiff = Math.max(exactDiff, Math.abs(a.probabilities()[i] - b.probability()));
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d ids compared (equal sets), clusters equal for %d of %d, max probability"
                + " difference %.2e against the CSV (4 decimals), %.2e against the model's floats; %d rejected%n", name,
                single.size(), sameCluster, single.size(), maxDiff, exactDiff, r.rejected());
        assertTrue(exactDiff <= 1e-5, name + ": probability differs by " + exactDiff);
        assertEquals(single.size(), sameCluster, name + ": clusters");
        assertTrue(maxDiff <= 5e-5 + 1e-6, name + ": probability differs by " + maxDiff);
        assertArrayEquals(new long[] {single.size()}, new long[] {r.images()});
    }
}
