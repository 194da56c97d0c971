package org.pacscluster.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.cluster.KMeans;
import org.pacscluster.cluster.KMeansConfig;
import org.pacscluster.cluster.KMeansResult;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.Split;
import org.pacscluster.progress.Progress;

/**
 * Augmented training (DEC-DA) on a tiny real subset (96 MedNIST training images at 32², a 16-16-16 CAE): switched
 * off it computes exactly the un-augmented protocol — checked against that protocol written out step by step here —
 * and switched on it is deterministic (also across threads and a resume) and learns. A few seconds.
 */
class AugmentedTrainingTest {
    @TempDir
    static Path tmp;
    static Dataset data;
    static int[] train;

    @BeforeAll
    static void dataset() throws Exception {
        data = MedNistFixture.subset(tmp.resolve("mednist32"), 20, 32);
        train = data.rows(Split.TRAIN);
        Arrays.sort(train);
    }

    static CaeConfig tiny(int epochs, double validation) {
        return CaeConfig.paper().withInputSize(32).withFilters(16, 16, 16).withLatent(8).withBatchSize(16)
                .withEpochs(epochs).withPatience(0).withValidationFraction(validation).withSeed(5).withThreads(1)
                .withDevice("cpu");
    }

    static DecConfig cidec(int epochs) {
        return DecConfig.paper(DeepMethod.CIDEC).withK(4).withKmeansInit(2).withUpdateInterval(4).withMaxEpochs(epochs)
                .withLabelTolerance(0).withLossTolerance(0);
    }

    /**
     * Gain ±1e-12: "on", so the augmented path runs (separate input and target tensors, transforms drawn and applied),
     * yet every transformed pixel rounds back to the stored float, so the numbers must be the plain ones.
     */
    static final AugmentConfig INVISIBLE = AugmentConfig.none().withMaxGain(1e-12);

    static List<Double> trainLosses(CaeTrainer.Result r) { return r.history().stream().map(CaeTrainer.EpochStats::trainLoss).toList(); }

    static List<Double> validationLosses(CaeTrainer.Result r) { return r.history().stream().map(CaeTrainer.EpochStats::validationLoss).toList(); }

    static void assertSameWeights(Map<String, float[]> a, Map<String, float[]> b) {
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) assertArrayEquals(a.get(name), b.get(name), name);
    }

    /** The un-augmented pre-training protocol, written out: output bias at the mean pixel, then Adam on MSE(x̂, x). */
    static List<Double> plainPretraining(CaeNetwork net, CaeConfig cfg) {
        net.setOutputMean(CaeTrainer.meanPixel(data, train, cfg.batchSize()));
        net.outputConvPadded();
        List<Double> losses = new ArrayList<>();
        try (AdamOptimizer adam = new AdamOptimizer(net.allParameters(), cfg.learningRate(), net.manager())) {
            for (int e = 0; e < cfg.epochs(); e++) {
                double sum = 0;
                for (int[] batch : Dataset.shuffledBatches(train, cfg.batchSize(), CaeTrainer.epochSeed(cfg.seed(), e))) {
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        NDArray x = net.input(net.manager(), data.images(batch), batch.length);
                        try (GradientCollector gc = net.manager().getEngine().newGradientCollector()) {
                            NDArray l = SoftAssignment.mse(net.decode(net.encode(x)), x);
                            gc.backward(l);
                            sum += l.getFloat() * batch.length;
                        }
                    }
                    adam.step();
                }
                losses.add(sum / train.length);
            }
        }
        return losses;
    }

    /** IDEC fine-tuning written out: P over all rows every {@code updateInterval} batches, Adam on α·KL + MSE. */
    static List<Double> plainCidec(CaeNetwork net, NDArray centres, CaeConfig cfg, DecConfig dec) {
        net.outputConvPadded();
        int k = dec.k(), n = train.length;
        List<NDArray> trained = new ArrayList<>(net.allParameters());
        trained.add(centres);
        List<Double> losses = new ArrayList<>();
        long steps = 0;
        float[] target = null;
        try (AdamOptimizer adam = new AdamOptimizer(trained, cfg.learningRate(), net.manager())) {
            for (int e = 0; e < dec.maxEpochs(); e++) {
                double sum = 0;
                for (int[] batch : Dataset.shuffledBatches(train, cfg.batchSize(), CaeTrainer.epochSeed(~cfg.seed(), e))) {
                    if (steps % dec.updateInterval() == 0) {
                        target = SoftAssignment.target(Embeddings.softAssign(net, centres, data, train, cfg.batchSize()), n, k);
                    }
                    float[] p = new float[batch.length * k];
                    for (int i = 0; i < batch.length; i++) System.arraycopy(target, Arrays.binarySearch(train, batch[i]) * k, p, i * k, k);
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        NDArray x = net.input(net.manager(), data.images(batch), batch.length);
                        NDArray pa = net.manager().create(p, new Shape(batch.length, k));
                        try (GradientCollector gc = net.manager().getEngine().newGradientCollector()) {
                            NDArray z = net.encode(x);
                            NDArray l = SoftAssignment.kl(pa, SoftAssignment.q(z, centres)).mul((float) dec.klWeight())
                                    .add(SoftAssignment.mse(net.decode(z), x));
                            gc.backward(l);
                            sum += l.getFloat() * batch.length;
                        }
                    }
                    adam.step();
                    steps++;
                }
                losses.add(sum / n);
            }
        }
        return losses;
    }

    @Test
    void offComputesExactlyTheUnaugmentedProtocol() throws Exception {
        CaeConfig cfg = tiny(3, 0);
        List<Double> reference;
        Map<String, float[]> referenceWeights;
        try (CaeNetwork net = CaeNetwork.initialise(cfg, DeepRuntime.device("cpu", 1))) {
            reference = plainPretraining(net, cfg);
            referenceWeights = net.values();
        }
        for (AugmentConfig off : new AugmentConfig[] {AugmentConfig.none(), INVISIBLE}) {
            try (CaeNetwork net = CaeNetwork.initialise(cfg, DeepRuntime.device("cpu", 1))) {
                CaeTrainer.Result r = new CaeTrainer(net, off).train(data, train, null, Progress.NONE);
                assertEquals(reference, trainLosses(r), off.describe());
                assertSameWeights(referenceWeights, net.values());
            }
        }
        assertTrue(reference.get(2) < reference.get(0), "the plain loss falls: " + reference);

        // fine-tuning from one pre-trained state and one k-means start: the written-out IDEC against the trainer
        DecConfig dec = cidec(2);
        Map<String, float[]> pretrained = referenceWeights;
        KMeansResult km;
        List<Double> plain;
        Map<String, float[]> plainWeights;
        try (CaeNetwork net = CaeNetwork.initialise(cfg, DeepRuntime.device("cpu", 1))) {
            net.load(pretrained);
            float[] z = Embeddings.embed(net, data, train, cfg.batchSize(), Progress.NONE);
            km = KMeans.fit(Embeddings.toFloatRows(z, train.length, cfg.latent()), KMeansConfig.of(dec.k(), cfg.seed()).withNInit(2));
            plain = plainCidec(net, centres(net, km), cfg, dec);
            plainWeights = net.values();
        }
        for (AugmentConfig off : new AugmentConfig[] {AugmentConfig.none(), INVISIBLE}) {
            try (CaeNetwork net = CaeNetwork.initialise(cfg, DeepRuntime.device("cpu", 1))) {
                net.load(pretrained);
                DecTrainer.Result r = new DecTrainer(net, dec, off).train(data, train, centres(net, km), km.labels(), null,
                        Progress.NONE);
                assertEquals(plain, r.epochLosses(), off.describe());
                assertSameWeights(plainWeights, net.values());
            }
        }
    }

    static NDArray centres(CaeNetwork net, KMeansResult km) {
        NDArray c = net.manager().create(DeepPipeline.flatten(km.centres()), new Shape(km.centres().length, km.centres()[0].length));
        c.setRequiresGradient(true);
        return c;
    }

    @Test
    void cidecDaIsDeterministicLearnsAndIgnoresThreadTiming() throws Exception {
        CaeConfig cfg = tiny(4, 0.1);
        DecConfig dec = cidec(2);
        DeepModel[] runs = new DeepModel[3];
        try {
            for (int i = 0; i < runs.length; i++) {
                boolean prefetch = i < 2; // the third prepares its batches in line
                String was = System.setProperty("pacscluster.prefetch", Boolean.toString(prefetch));
                try {
                    runs[i] = DeepPipeline.train(data, train, cfg, dec, AugmentConfig.radiology(), null, p -> Progress.NONE);
                } finally {
                    if (was == null) System.clearProperty("pacscluster.prefetch"); else System.setProperty("pacscluster.prefetch", was);
                }
            }
            CaeTrainer.Result pre = runs[0].pretraining();
            List<Double> losses = trainLosses(pre);
            System.out.printf("[cidec-da tiny] pre-training %s, validation %s; fine-tuning %s%n", losses,
                    validationLosses(pre), runs[0].finetuning().epochLosses());
            assertTrue(losses.get(3) < 0.8 * losses.get(0), "augmented pre-training loss did not fall: " + losses);
            assertTrue(validationLosses(pre).get(3) < validationLosses(pre).get(0), "validation: " + validationLosses(pre));
            assertTrue(runs[0].finetuning().epochLosses().stream().allMatch(Double::isFinite));
            for (int i = 1; i < runs.length; i++) {
                assertEquals(losses, trainLosses(runs[i].pretraining()), "run " + i);
                assertEquals(validationLosses(pre), validationLosses(runs[i].pretraining()), "run " + i);
                assertEquals(runs[0].finetuning().epochLosses(), runs[i].finetuning().epochLosses(), "run " + i);
                assertEquals(runs[0].finetuning().labelChanges(), runs[i].finetuning().labelChanges(), "run " + i);
                assertSameWeights(runs[0].network().values(), runs[i].network().values());
                assertArrayEquals(runs[0].centres(), runs[i].centres());
            }
        } finally {
            for (DeepModel m : runs) if (m != null) m.close();
        }
        // and the augmentation changed what was learned
        try (DeepModel plain = DeepPipeline.train(data, train, cfg, dec, null, p -> Progress.NONE)) {
            try (DeepModel da = DeepPipeline.train(data, train, cfg, dec, AugmentConfig.radiology(), null, p -> Progress.NONE)) {
                assertFalse(trainLosses(plain.pretraining()).equals(trainLosses(da.pretraining())));
            }
        }
    }

    @Test
    void anInterruptedAugmentedPretrainingResumesExactly() throws Exception {
        Path split = tmp.resolve("da.ckpt");
        Map<String, float[]> straight;
        try (CaeNetwork net = CaeNetwork.initialise(tiny(3, 0.1), DeepRuntime.device("cpu", 1))) {
            new CaeTrainer(net, AugmentConfig.decDa()).train(data, train, null, Progress.NONE);
            straight = net.values();
        }
        try (CaeNetwork net = CaeNetwork.initialise(tiny(1, 0.1), DeepRuntime.device("cpu", 1))) {
            new CaeTrainer(net, AugmentConfig.decDa()).train(data, train, split, Progress.NONE);
        }
        try (CaeNetwork net = CaeNetwork.initialise(tiny(3, 0.1), DeepRuntime.device("cpu", 1))) {
            assertEquals(3, new CaeTrainer(net, AugmentConfig.decDa()).train(data, train, split, Progress.NONE).history().size());
            assertSameWeights(straight, net.values());
        }
        // a checkpoint of another augmentation (or none) is another run
        try (CaeNetwork net = CaeNetwork.initialise(tiny(3, 0.1), DeepRuntime.device("cpu", 1))) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> new CaeTrainer(net, AugmentConfig.radiology()).train(data, train, split, Progress.NONE));
            assertTrue(e.getMessage().contains("other settings"), e.getMessage());
        }
        assertTrue(Files.exists(split));
    }

    @Test
    void batchesHoldTheStoredPixelsAndTheirSeededTransforms() {
        List<int[]> order = Dataset.batches(train, 16);
        ImageAugmenter aug = new ImageAugmenter(AugmentConfig.radiology(), 32);
        try (BatchPrefetcher<TrainingBatch> batches = TrainingBatch.epoch(data, order, aug, 9, 2)) {
            for (int b = 0; batches.hasNext(); b++) {
                TrainingBatch t = batches.next();
                assertArrayEquals(order.get(b), t.rows());
                assertArrayEquals(data.images(order.get(b)), t.original());
                assertNotSame(t.original(), t.input());
                assertArrayEquals(aug.augment(t.original(), t.size(), ImageAugmenter.batchSeed(9, 2, b)), t.input());
            }
        }
        ImageAugmenter off = new ImageAugmenter(AugmentConfig.none(), 32);
        try (BatchPrefetcher<TrainingBatch> batches = TrainingBatch.epoch(data, order, off, 9, 2)) {
            TrainingBatch t = batches.next();
            assertSame(t.original(), t.input(), "without augmentation the network is fed the stored pixels themselves");
        }
    }
}
