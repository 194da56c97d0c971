package org.pacscluster.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.cli.Main;
import org.pacscluster.cluster.Assignments;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.method.ClusteringModel;
import org.pacscluster.method.Hardware;
import org.pacscluster.method.Method;
import org.pacscluster.method.ModelCard;
import org.pacscluster.method.ModelFolder;
import org.pacscluster.dataset.Split;
import org.pacscluster.io.Csv;
import org.pacscluster.io.Shuffle;
import org.pacscluster.metrics.LabelScores;
import org.pacscluster.progress.Progress;

/** Trains tiny models (16 filters, 32², 360 real MedNIST images of 6 classes) end to end, in well under a minute each. */
class DeepPipelineTest {
    @TempDir
    static Path tmp;
    static Dataset data;
    static int[] train, test;
    /** One 8-epoch pre-training shared by the tests: each resumes a copy of its final checkpoint (so is done at once). */
    static Path pretrained;
    static CaeTrainer.Result pretraining;

    @BeforeAll
    static void dataset() throws Exception {
        data = MedNistFixture.subset(tmp.resolve("mednist32"), 60, 32);
        train = data.rows(Split.TRAIN);
        test = data.rows(Split.TEST);
        pretrained = tmp.resolve("pretrained.ckpt");
        try (CaeNetwork net = CaeNetwork.initialise(tiny(8), DeepRuntime.device("cpu", 1))) {
            pretraining = new CaeTrainer(net).train(data, train, pretrained, Progress.NONE);
        }
    }

    static Path pretrainedCopy() throws Exception {
        Path p = Files.createTempFile(tmp, "ckpt", ".bin");
        Files.copy(pretrained, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return p;
    }

    static CaeConfig tiny(int epochs) {
        return CaeConfig.paper().withInputSize(32).withFilters(16, 16, 16, 16, 16).withLatent(16).withBatchSize(20)
                .withEpochs(epochs).withPatience(0).withSeed(3).withThreads(1).withDevice("cpu");
    }

    static String[] classes(int[] rows) {
        String[] out = new String[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = data.record(rows[i]).modality() + "/" + data.record(rows[i]).region();
        return out;
    }

    /** NMI of the same clusters against the class labels shuffled: what chance looks like at this n and k. */
    static double shuffledNmi(String[] truth, int[] clusters) {
        String[] s = truth.clone();
        Shuffle.shuffle(s, new Random(1));
        return LabelScores.of(s, clusters).nmi();
    }

    @Test
    void pretrainingLowersTheLossAndCaeKmeansBeatsChance() throws Exception {
        try (DeepModel model = DeepPipeline.train(data, train, tiny(8), DecConfig.paper(DeepMethod.CAE).withK(6).withKmeansInit(5),
                pretrainedCopy(), p -> Progress.NONE)) {
            List<CaeTrainer.EpochStats> h = model.pretraining().history();
            assertEquals(pretraining.history(), h);
            assertEquals(8, h.size());
            assertTrue(h.get(7).trainLoss() < 0.7 * h.get(0).trainLoss(), "loss did not fall: " + h);
            assertTrue(h.get(7).validationLoss() < h.get(0).validationLoss(), "validation loss did not fall: " + h);
            int[] clusters = model.assign(data, test).clusters();
            double nmi = LabelScores.of(classes(test), clusters).nmi(), chance = shuffledNmi(classes(test), clusters);
            System.out.printf("[tiny cae+kmeans] test NMI vs class %.3f, shuffled-label baseline %.3f, losses %s%n", nmi, chance, h);
            assertTrue(nmi > 0.4 && nmi > chance + 0.25, "NMI " + nmi + " vs chance " + chance);
        }
    }

    @Test
    void cidecFineTunesAndSaysWhyItStopped() throws Exception {
        DecConfig dec = DecConfig.paper(DeepMethod.CIDEC).withK(6).withKmeansInit(5).withUpdateInterval(5).withMaxEpochs(4);
        try (DeepModel model = DeepPipeline.train(data, train, tiny(8), dec, pretrainedCopy(), p -> Progress.NONE)) {
            DecTrainer.Result r = model.finetuning();
            assertNotNull(r);
            assertTrue(Set.of(StopReason.MAX_EPOCHS, StopReason.LABEL_CHANGE, StopReason.LOSS_CHANGE).contains(r.stopReason()),
                    String.valueOf(r.stopReason()));
            assertTrue(r.epochLosses().stream().allMatch(Double::isFinite), r.toString());
            int[] clusters = model.assign(data, test).clusters();
            double nmi = LabelScores.of(classes(test), clusters).nmi(), chance = shuffledNmi(classes(test), clusters);
            System.out.printf("[tiny cidec] %s; test NMI vs class %.3f, shuffled %.3f%n", r, nmi, chance);
            assertTrue(nmi > 0.4 && nmi > chance + 0.25, "NMI " + nmi + " vs chance " + chance);
            assertEquals(6, model.centres().length);
        }
    }

    @Test
    void cdecUsesOnlyTheEncoderAndBeatsChance() throws Exception {
        DecConfig dec = DecConfig.paper(DeepMethod.CDEC).withK(6).withKmeansInit(3).withUpdateInterval(5).withMaxEpochs(2);
        try (DeepModel model = DeepPipeline.train(data, train, tiny(8), dec, pretrainedCopy(), p -> Progress.NONE)) {
            int[] clusters = model.assign(data, test).clusters();
            double nmi = LabelScores.of(classes(test), clusters).nmi(), chance = shuffledNmi(classes(test), clusters);
            assertTrue(nmi > chance + 0.2, "NMI " + nmi + " vs chance " + chance);
        }
    }

    @Test
    void sameSeedGivesTheSameAssignments() throws Exception {
        DecConfig dec = DecConfig.paper(DeepMethod.CIDEC).withK(6).withKmeansInit(3).withUpdateInterval(5).withMaxEpochs(1);
        int[] first, second;
        try (DeepModel m = DeepPipeline.train(data, train, tiny(2), dec, null, p -> Progress.NONE)) { first = m.assign(data, test).clusters(); }
        try (DeepModel m = DeepPipeline.train(data, train, tiny(2), dec, null, p -> Progress.NONE)) { second = m.assign(data, test).clusters(); }
        assertArrayEquals(first, second);
    }

    @Test
    void anInterruptedRunResumesExactlyFromItsCheckpoint() throws Exception {
        Path split = tmp.resolve("split.ckpt");
        Map<String, float[]> a, b;
        try (CaeNetwork net = CaeNetwork.initialise(tiny(3), DeepRuntime.device("cpu", 1))) {
            new CaeTrainer(net).train(data, train, null, Progress.NONE);
            a = net.values();
        }
        try (CaeNetwork net = CaeNetwork.initialise(tiny(1), DeepRuntime.device("cpu", 1))) {
            new CaeTrainer(net).train(data, train, split, Progress.NONE); // "interrupted" after epoch 1
        }
        try (CaeNetwork net = CaeNetwork.initialise(tiny(3), DeepRuntime.device("cpu", 1))) {
            CaeTrainer.Result r = new CaeTrainer(net).train(data, train, split, Progress.NONE);
            assertEquals(3, r.history().size());
            b = net.values();
        }
        for (String name : a.keySet()) assertArrayEquals(a.get(name), b.get(name), name);
        try (CaeNetwork net = CaeNetwork.initialise(tiny(3).withLatent(8), DeepRuntime.device("cpu", 1))) {
            assertThrows(IllegalArgumentException.class, () -> new CaeTrainer(net).train(data, train, split, Progress.NONE));
        }
    }

    @Test
    void anInterruptedFineTuningResumesExactlyFromItsCheckpoint() throws Exception {
        DecConfig dec = DecConfig.paper(DeepMethod.CIDEC).withK(6).withKmeansInit(2).withUpdateInterval(4)
                .withLabelTolerance(0).withLossTolerance(0);
        Path straight = Files.createDirectories(tmp.resolve("ft-straight")).resolve("pre.ckpt");
        Path split = Files.createDirectories(tmp.resolve("ft-split")).resolve("pre.ckpt");
        Files.copy(pretrainedCopy(), straight);
        Files.copy(pretrainedCopy(), split);
        Map<String, float[]> a, b;
        double[][] ca, cb;
        try (DeepModel m = DeepPipeline.train(data, train, tiny(8), dec.withMaxEpochs(2), straight, p -> Progress.NONE)) {
            a = m.network().values();
            ca = m.centres();
        }
        try (DeepModel m = DeepPipeline.train(data, train, tiny(8), dec.withMaxEpochs(1), split, p -> Progress.NONE)) {
            assertEquals(1, m.finetuning().epochs()); // "interrupted" after epoch 1
        }
        assertTrue(Files.exists(DeepPipeline.finetuneCheckpoint(split, dec)));
        try (DeepModel m = DeepPipeline.train(data, train, tiny(8), dec.withMaxEpochs(2), split, p -> Progress.NONE)) {
            DecTrainer.Result r = m.finetuning();
            assertEquals(2, r.epochs());
            assertEquals(2L * ((train.length + 19) / 20), r.steps());
            b = m.network().values();
            cb = m.centres();
        }
        for (String name : a.keySet()) assertArrayEquals(a.get(name), b.get(name), name);
        for (int i = 0; i < ca.length; i++) assertArrayEquals(ca[i], cb[i], "centre " + i);
        DecConfig other = dec.withMaxEpochs(2).withUpdateInterval(7);
        assertThrows(IllegalArgumentException.class,
                () -> DeepPipeline.train(data, train, tiny(8), other, split, p -> Progress.NONE).close());
    }

    @Test
    void trainAndPredictCommandsWriteAUsableModel() throws Exception {
        Path model = tmp.resolve("model"), csv = tmp.resolve("assignments.csv");
        int rc = Main.run("train", "--dataset", data.directory().toString(), "--method", "cidec", "--k", "6",
                "--out", model.toString(), "--epochs", "2", "--finetune-epochs", "1", "--filters", "16,16,16,16,16",
                "--latent", "16", "--batch", "20", "--kmeans-init", "2", "--update-interval", "5", "--threads", "1", "--seed", "5");
        assertEquals(0, rc);
        assertTrue(Files.exists(model.resolve(ModelCard.FILE)) && Files.exists(model.resolve(DeepModel.WEIGHTS)));
        ModelCard info = ModelFolder.readCard(model);
        assertEquals(Method.CIDEC, info.method());
        assertEquals(32, info.preprocessing().imageSize());
        assertNotNull(info.training().testScores());
        assertEquals(List.of("CR/DX", "CT", "MR"), info.vocabulary().modalities());

        assertEquals(0, Main.run("predict", "--model", model.toString(), data.directory().toString(), "--split", "test",
                "--out", csv.toString(), "--threads", "1"));
        Csv.Table t = Csv.read(csv);
        assertEquals(List.of("id", "source", "cluster", "probability", "cluster_modality", "cluster_region", "distance",
                "novel"), t.header());
        assertEquals(test.length, t.rows().size());
        try (ClusteringModel loaded = ModelFolder.load(model, new Hardware(1, "cpu"))) {
            Assignments a = loaded.assign(data, test, Progress.NONE);
            for (int i = 0; i < test.length; i++) {
                List<String> row = t.rows().get(i);
                assertEquals(data.record(test[i]).id(), row.get(0));
                assertEquals(a.clusters()[i], Integer.parseInt(row.get(2)));
                double p = Double.parseDouble(row.get(3));
                assertTrue(p > 1.0 / 6 - 1e-4 && p <= 1, "probability " + p);
                assertEquals(info.clusters().get(a.clusters()[i]).modality(), row.get(4));
            }
        }
        assertEquals(1, Main.run("predict", "--model", tmp.resolve("nothing").toString(), data.directory().toString(),
                "--out", csv.toString()));
    }
}
