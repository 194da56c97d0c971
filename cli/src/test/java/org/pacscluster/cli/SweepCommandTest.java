package org.pacscluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.cli.IngestCommandTest.Run;
import org.pacscluster.ingest.MedNistSubset;
import org.pacscluster.io.Csv;

/** {@code sweep} on a small real MedNIST dataset, through the same training path as every other command. */
class SweepCommandTest {
    @TempDir
    Path tmp;

    /** CDEC fine-tunes once per K from one pre-training (0.1.0 refused the second K: one checkpoint for all). */
    @Test
    void aDeepMethodSweepsSeveralKFromOnePreTraining() throws Exception {
        Path zip = tmp.resolve("m.zip"), labels = tmp.resolve("labels.csv"), ds = tmp.resolve("ds"), out = tmp.resolve("sweep");
        MedNistSubset.write(zip, labels, 6, Map.of());
        assertEquals(0, Main.run("ingest", zip.toString(), "--labels", labels.toString(), "--size", "32", "--out", ds.toString()));
        Run r = IngestCommandTest.run("sweep", "--dataset", ds.toString(), "--method", "cdec", "--k", "2,3,4",
                "--epochs", "1", "--finetune-epochs", "1", "--filters", "16,16", "--latent", "4", "--batch", "8",
                "--kmeans-init", "1", "--threads", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Csv.Table t = Csv.read(out.resolve("sweep.csv"));
        assertEquals(List.of("2", "3", "4"), t.rows().stream().map(x -> x.get(0)).toList());
        for (List<String> row : t.rows()) {
            double hs = Double.parseDouble(row.get(t.column("homogeneity_region")));
            assertTrue(hs >= 0 && hs <= 1, row.toString());
        }
        assertTrue(Files.size(out.resolve("sweep.png")) > 1000);
        try (var files = Files.list(out.resolve("work"))) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().equals("pretrain.checkpoint")).count());
        }
    }

    /** A fixed-feature sweep embeds once; its points equal training the method at each K. */
    @Test
    void aFixedFeatureSweepScoresEachKAsTrainDoes() throws Exception {
        Path zip = tmp.resolve("m.zip"), labels = tmp.resolve("labels.csv"), ds = tmp.resolve("ds"), out = tmp.resolve("sweep");
        MedNistSubset.write(zip, labels, 6, Map.of());
        assertEquals(0, Main.run("ingest", zip.toString(), "--labels", labels.toString(), "--size", "32", "--out", ds.toString()));
        Run r = IngestCommandTest.run("sweep", "--dataset", ds.toString(), "--method", "lbp", "--k", "2,5",
                "--kmeans-init", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Csv.Table t = Csv.read(out.resolve("sweep.csv"));
        assertTrue(r.out().contains("suggested K (no labels needed): "), r.out());
        for (List<String> row : t.rows()) {
            double stability = Double.parseDouble(row.get(t.column("stability")));
            assertTrue(stability >= -1 && stability <= 1, row.toString());
            assertTrue(Double.parseDouble(row.get(t.column("inertia"))) > 0, row.toString());
        }
        for (List<String> row : t.rows()) {
            Path model = tmp.resolve("model-k" + row.get(0));
            assertEquals(0, Main.run("train", "--dataset", ds.toString(), "--method", "lbp", "--k", row.get(0),
                    "--kmeans-init", "3", "--out", model.toString()));
            var scores = new com.fasterxml.jackson.databind.ObjectMapper().readTree(model.resolve("model.json").toFile())
                    .get("training").get("testScores");
            assertEquals(scores.get("nmiRegion").asDouble(), Double.parseDouble(row.get(t.column("nmi_region"))), 1e-6, row.toString());
            assertEquals(scores.get("silhouette").asDouble(), Double.parseDouble(row.get(t.column("silhouette"))), 1e-6, row.toString());
        }
    }
}
