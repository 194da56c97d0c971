package org.pacscluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.cli.IngestCommandTest.Run;
import org.pacscluster.deep.AugmentConfig;
import org.pacscluster.ingest.MedNistSubset;
import org.pacscluster.io.Csv;
import org.pacscluster.method.Method;
import org.pacscluster.method.ModelCard;
import org.pacscluster.method.ModelFolder;

/** {@code train --method cidec-da} with the augmentation options, and predict/audit on the model it writes. */
class AugmentedMethodCommandTest {
    @TempDir
    static Path tmp;
    static Path dataset;

    @BeforeAll
    static void ingest() throws Exception {
        Path zip = tmp.resolve("m.zip"), labels = tmp.resolve("labels.csv");
        MedNistSubset.write(zip, labels, 8, Map.of());
        dataset = tmp.resolve("ds");
        assertEquals(0, Main.run("ingest", zip.toString(), "--labels", labels.toString(), "--size", "32",
                "--out", dataset.toString()));
    }

    static String[] tinyTrain(Path out, String... extra) {
        String[] base = {"train", "--dataset", dataset.toString(), "--method", "cidec-da", "--k", "3", "--out",
                out.toString(), "--epochs", "1", "--finetune-epochs", "1", "--filters", "16,16", "--latent", "8",
                "--batch", "12", "--kmeans-init", "2", "--update-interval", "2", "--threads", "1", "--seed", "4"};
        String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void trainsACidecDaModelThatPredictAndAuditLoad() throws Exception {
        Path model = tmp.resolve("model");
        Run t = IngestCommandTest.run(tinyTrain(model, "--augment", "dec-da", "--augment-rotation", "5"));
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("trained CIDEC-DA"), t.out());
        assertTrue(t.out().contains("augmentation: shift 0.1 rotation 5°"), t.out());
        ModelCard card = ModelFolder.readCard(model);
        assertEquals(Method.CIDEC_DA, card.method());
        assertEquals(AugmentConfig.decDa().withMaxRotation(5), card.settings().augment());
        assertTrue(Files.exists(model.resolve("pretrain-da.checkpoint")));

        Path csv = tmp.resolve("predict.csv"), audit = tmp.resolve("audit.csv");
        Run p = IngestCommandTest.run("predict", "--model", model.toString(), dataset.toString(), "--out", csv.toString(),
                "--threads", "1");
        assertEquals(0, p.code(), p.err());
        assertEquals(48, Csv.read(csv).rows().size());
        Run a = IngestCommandTest.run("audit", "--model", model.toString(), dataset.toString(), "--out", audit.toString(),
                "--threads", "1");
        assertEquals(0, a.code(), a.err());
        assertTrue(Files.exists(audit));
    }

    @Test
    void badAugmentationSettingsAreReportedByTheirFlag() {
        Run preset = IngestCommandTest.run(tinyTrain(tmp.resolve("bad1"), "--augment", "mnist"));
        assertNotEquals(0, preset.code());
        assertTrue(preset.err().contains("--augment must be one of radiology, dec-da, none"), preset.err());
        Run shift = IngestCommandTest.run(tinyTrain(tmp.resolve("bad2"), "--augment-shift", "0.7"));
        assertNotEquals(0, shift.code());
        assertTrue(shift.err().contains("--augment-shift must be in [0, 0.5)"), shift.err());
    }
}
