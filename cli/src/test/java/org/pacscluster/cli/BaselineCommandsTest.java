package org.pacscluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.cli.IngestCommandTest.Run;
import org.pacscluster.ingest.MedNistSubset;
import org.pacscluster.io.Csv;
import org.pacscluster.metrics.LabelMetrics;

/** {@code train} (a fixed-feature method), {@code predict} and {@code evaluate} as a user runs them, on a small real MedNIST dataset. */
class BaselineCommandsTest {
    @TempDir
    static Path tmp;
    static Path dataset;

    @BeforeAll
    static void ingest() throws Exception {
        Path zip = tmp.resolve("m.zip"), labels = tmp.resolve("labels.csv");
        MedNistSubset.write(zip, labels, 15, Map.of());
        dataset = tmp.resolve("ds");
        assertEquals(0, Main.run("ingest", zip.toString(), "--labels", labels.toString(), "--size", "64",
                "--out", dataset.toString()));
    }

    @Test
    void trainHogScoresTheTestSplitAsPredictAndEvaluateReproduce() throws Exception {
        Path model = tmp.resolve("model-hog"), pred = tmp.resolve("pred.csv");
        Run r = IngestCommandTest.run("train", "--dataset", dataset.toString(), "--method", "hog", "--k", "6",
                "--seed", "3", "--kmeans-init", "2", "--out", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("modality"), r.out());
        JsonNode m = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        assertEquals("hog", m.get("method").asText());
        assertEquals(6, m.get("clusters").size());
        JsonNode scores = m.get("training").get("testScores");
        double nmiMod = scores.get("nmiModality").asDouble();
        double sil = scores.get("silhouette").asDouble();
        assertTrue(sil > -1 && sil < 1);
        assertEquals(1764, Files.readAllLines(model.resolve("centres.csv")).get(0).split(",").length);

        // the same test-split NMI, from predict's output, recomputed by an independent path
        Run p = IngestCommandTest.run("predict", "--model", model.toString(), dataset.toString(), "--split", "test",
                "--out", pred.toString());
        assertEquals(0, p.code(), p.err());
        Csv.Table a = Csv.read(pred), index = Csv.read(dataset.resolve("index.csv"));
        Map<String, String> modality = new java.util.HashMap<>();
        for (List<String> row : index.rows()) modality.put(row.get(index.column("id")), row.get(index.column("modality")));
        int[] predicted = a.rows().stream().mapToInt(x -> Integer.parseInt(x.get(2))).toArray();
        int[] truth = a.rows().stream().mapToInt(x -> modality.get(x.get(0)).hashCode()).toArray();
        assertEquals(LabelMetrics.nmi(truth, predicted), nmiMod, 1e-12);

        Path json = tmp.resolve("eval.json"), truthCsv = tmp.resolve("truth-test.csv");
        StringBuilder truthRows = new StringBuilder("id,modality,region\n");
        for (List<String> row : index.rows()) {
            if (row.get(index.column("split")).equals("test")) {
                truthRows.append(Csv.line(row.get(index.column("id")), row.get(index.column("modality")),
                        row.get(index.column("region")))).append('\n');
            }
        }
        Files.writeString(truthCsv, truthRows);
        Run e = IngestCommandTest.run("evaluate", "--pred", pred.toString(), "--truth", truthCsv.toString(),
                "--columns", "modality,region", "--out", json.toString());
        assertEquals(0, e.code(), e.err());
        JsonNode ej = new ObjectMapper().readTree(json.toFile());
        assertEquals(nmiMod, ej.get("modality").get("nmi").asDouble(), 1e-15);
        assertEquals(scores.get("nmiRegion").asDouble(), ej.get("region").get("nmi").asDouble(), 1e-15);
    }

    @Test
    void trainRefusesBadArgumentsWithOneLine() {
        Run r = IngestCommandTest.run("train", "--dataset", dataset.toString(), "--method", "sift", "--out", tmp.resolve("x").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: unknown method 'sift'"), r.err());
        r = IngestCommandTest.run("train", "--dataset", dataset.toString(), "--method", "lbp", "--k", "500", "--out", tmp.resolve("x").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("fewer than k=500"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        // the library names settings, the CLI names them by the flag the user typed
        r = IngestCommandTest.run("train", "--dataset", dataset.toString(), "--method", "lbp", "--kmeans-init", "0", "--out", tmp.resolve("x").toString());
        assertEquals("error: --kmeans-init (k-means restarts) must be at least 1, got 0", r.err().strip());
        r = IngestCommandTest.run("train", "--dataset", dataset.toString(), "--method", "cae", "--batch", "0", "--out", tmp.resolve("x").toString());
        assertEquals("error: --batch must be at least 1, got 0", r.err().strip());
    }

    @Test
    void aDatasetWithoutTestSplitTrainsAndSaysSo() throws Exception {
        Path zip = tmp.resolve("m2.zip"), labels = tmp.resolve("labels2.csv"), ds = tmp.resolve("no-test");
        MedNistSubset.write(zip, labels, 2, Map.of());
        assertEquals(0, Main.run("ingest", zip.toString(), "--labels", labels.toString(), "--size", "32",
                "--test-fraction", "0", "--out", ds.toString()));
        Run r = IngestCommandTest.run("train", "--dataset", ds.toString(), "--method", "lbp", "--k", "2",
                "--out", tmp.resolve("y").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("no test split to score"), r.out());
    }

    @Test
    void evaluateReportsBadFilesInOneLine() throws Exception {
        Path pred = tmp.resolve("p.csv"), truth = tmp.resolve("t.csv"), empty = tmp.resolve("e.csv");
        Files.writeString(pred, "id,cluster\na,0\nb,1\nc,1\n");
        Files.writeString(truth, "id,modality\na,CT\nb,MR\nd,MR\n");
        Files.writeString(empty, "");
        Run r = IngestCommandTest.run("evaluate", "--pred", pred.toString(), "--truth", truth.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: id 'c'"), r.err());
        Files.writeString(truth, "id,modality\na,CT\nb,MR\nc,MR\n");
        r = IngestCommandTest.run("evaluate", "--pred", pred.toString(), "--truth", truth.toString(), "--columns", "region");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no column 'region'"), r.err());
        r = IngestCommandTest.run("evaluate", "--pred", empty.toString(), "--truth", truth.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("is empty"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        r = IngestCommandTest.run("evaluate", "--pred", pred.toString(), "--truth", truth.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"modality\""), r.out());
        assertTrue(r.out().contains("\"nmi\" : 1.0"), r.out());
    }
}
