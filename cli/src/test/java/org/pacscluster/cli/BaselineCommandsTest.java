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

/** {@code cluster} and {@code evaluate} as a user runs them, on a small real MedNIST dataset. */
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
    void clusterWritesAssignmentsAndMetricsThatEvaluateReproduces() throws Exception {
        Path out = tmp.resolve("run-hog");
        Run r = IngestCommandTest.run("cluster", "--dataset", dataset.toString(), "--method", "hog", "--k", "6",
                "--seed", "3", "--n-init", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("modality"), r.out());
        Csv.Table a = Csv.read(out.resolve("assignments.csv"));
        assertEquals(List.of("id", "split", "cluster", "modality", "region"), a.header());
        assertEquals(90, a.rows().size());
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals("hog", m.get("method").asText());
        assertEquals(1764, m.get("embedding_dimension").asInt());
        double nmiMod = m.get("test").get("modality").get("nmi").asDouble();
        double sil = m.get("test").get("silhouette").asDouble();
        assertTrue(sil > -1 && sil < 1);

        // the same test-split NMI, recomputed from the written CSV by an independent path
        List<String[]> test = a.rows().stream().filter(x -> x.get(1).equals("test"))
                .map(x -> x.toArray(new String[0])).toList();
        int[] pred = test.stream().mapToInt(x -> Integer.parseInt(x[2])).toArray();
        int[] truth = test.stream().mapToInt(x -> x[3].hashCode()).toArray();
        assertEquals(LabelMetrics.nmi(truth, pred), nmiMod, 1e-12);

        Path json = tmp.resolve("eval.json");
        Run e = IngestCommandTest.run("evaluate", "--pred", out.resolve("assignments.csv").toString(), "--truth",
                out.resolve("assignments.csv").toString(), "--split", "test", "--columns", "modality,region",
                "--out", json.toString());
        assertEquals(0, e.code(), e.err());
        JsonNode ej = new ObjectMapper().readTree(json.toFile());
        assertEquals(nmiMod, ej.get("modality").get("nmi").asDouble(), 1e-15);
        assertEquals(m.get("test").get("region").get("ari").asDouble(), ej.get("region").get("ari").asDouble(), 1e-15);
    }

    @Test
    void clusterRefusesBadArgumentsWithOneLine() {
        Run r = IngestCommandTest.run("cluster", "--dataset", dataset.toString(), "--method", "sift", "--out", tmp.resolve("x").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: unknown embedding method"), r.err());
        r = IngestCommandTest.run("cluster", "--dataset", dataset.toString(), "--method", "lbp", "--k", "500", "--out", tmp.resolve("x").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("larger than the train split"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void anEmptyTestSplitIsRefused() throws Exception {
        Path zip = tmp.resolve("m2.zip"), labels = tmp.resolve("labels2.csv"), ds = tmp.resolve("no-test");
        MedNistSubset.write(zip, labels, 2, Map.of());
        assertEquals(0, Main.run("ingest", zip.toString(), "--labels", labels.toString(), "--size", "32",
                "--test-fraction", "0", "--out", ds.toString()));
        Run r = IngestCommandTest.run("cluster", "--dataset", ds.toString(), "--method", "pca", "--k", "2",
                "--out", tmp.resolve("y").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: dataset") && r.err().contains("empty test split"), r.err());
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
