package org.pacscluster.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.progress.Progress;

/**
 * Sparse images (MNIST: 90% black at 32²) used to collapse pre-training: from sigmoid(0) = 0.5 the first Adam steps
 * pushed the output so far towards black that the sigmoid saturated and the loss froze at mean(x²) from epoch 2.
 * Starting the output at the data's mean pixel (and He-initialised ReLU layers) keeps it learning.
 */
class MnistPretrainingTest {
    @TempDir
    static Path tmp;

    @Test
    void sparseDigitsDoNotCollapseTheAutoencoder() throws Exception {
        Dataset data = MnistFixture.first(tmp.resolve("mnist"), 1000);
        int[] rows = data.allRows();
        CaeConfig cfg = CaeConfig.paper().withInputSize(32).withFilters(16, 32, 64).withLatent(10).withEpochs(5)
                .withPatience(0).withValidationFraction(0).withSeed(0).withThreads(1).withDevice("cpu");
        // the two trivial answers: all black (what the collapsed network predicted) and the best constant
        double sumSq = 0, sum = 0;
        float[] px = data.images(rows);
        for (float v : px) { sum += v; sumSq += (double) v * v; }
        double black = sumSq / px.length, mean = sum / px.length, constant = black - mean * mean;
        try (CaeNetwork net = CaeNetwork.initialise(cfg, DeepRuntime.device("cpu", 1))) {
            CaeTrainer.Result r = new CaeTrainer(net).train(data, rows, null, Progress.NONE);
            List<CaeTrainer.EpochStats> h = r.history();
            double last = h.get(h.size() - 1).trainLoss();
            System.out.printf("[mnist pre-training] all-black MSE %.5f, best constant %.5f, epochs %s%n", black, constant, h);
            assertNull(r.warning(), r.warning());
            assertTrue(last < 0.7 * constant, "loss " + last + " is not far below the best constant image's " + constant);
            assertTrue(h.get(h.size() - 1).trainLoss() < h.get(h.size() - 2).trainLoss(), "still falling: " + h);
        }
    }

    @Test
    void aFlatLossIsReportedAsACollapse() {
        List<CaeTrainer.EpochStats> moving = List.of(stats(1, 0.1), stats(2, 0.09), stats(3, 0.0899), stats(4, 0.0898));
        assertNull(CaeTrainer.flatLossWarning(moving));
        List<CaeTrainer.EpochStats> flat = List.of(stats(1, 0.109), stats(2, 0.0865800), stats(3, 0.0865801),
                stats(4, 0.0865800), stats(5, 0.0865800));
        String w = CaeTrainer.flatLossWarning(flat);
        assertNotNull(w);
        assertTrue(w.contains("0.08658") && w.contains("since epoch 2"), w);
        assertNull(CaeTrainer.flatLossWarning(flat.subList(0, 3)), "one flat step is not yet a collapse");
    }

    private static CaeTrainer.EpochStats stats(int epoch, double loss) {
        return new CaeTrainer.EpochStats(epoch, loss, Double.NaN, 1);
    }

    @Test
    void theOutputStartsAtTheDataMean() throws Exception {
        Dataset data = MnistFixture.first(tmp.resolve("mnist"), 1000);
        double mean = CaeTrainer.meanPixel(data, data.allRows(), 50), sum = 0;
        float[] px = data.images(data.allRows());
        for (float v : px) sum += v;
        assertEquals(sum / px.length, mean, 1e-9);
        CaeConfig cfg = CaeConfig.paper().withInputSize(32).withFilters(16, 16, 16).withLatent(4).withSeed(0);
        try (CaeNetwork net = CaeNetwork.initialise(cfg, Device.cpu())) {
            net.setOutputMean(mean);
            float[] b = net.values().get(net.outputBiasName());
            assertEquals(mean, 1 / (1 + Math.exp(-b[0])), 1e-6);
            for (int i = 1; i < b.length; i++) assertEquals(0f, b[i], "padding channel " + i);
        }
    }
}
