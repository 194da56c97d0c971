package org.pacscluster.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacscluster.io.Shuffle;

/**
 * A short real training run in Java and in PyTorch side by side: the paper's CAE at 64² from the same initial
 * weights, over the same batches of real MedNIST images in the same order, each side with its own Adam.
 * {@code parity/loss_curve.py} trains the PyTorch twin, prints both curves and writes target/loss-curve/loss_curve.csv
 * (the table in docs/deep.md), and fails if they part by more than 1% at any step.
 * Slow-tagged (about a minute): {@code mvn -B test -Pslow -Dtest=CaeLossCurveTest}.
 */
@Tag("slow")
class CaeLossCurveTest {
    static final int PER_CLASS = 100, BATCH = 50, EPOCHS = 3;

    @Test
    void javaAndPyTorchLossCurvesAgree() throws Exception {
        assumeTrue(CaeParityTest.run(List.of("/usr/bin/python3", "-c", "import torch"), 120) == 0, "needs python3-torch");
        Path dir = Files.createDirectories(Path.of("target", "loss-curve"));
        DeepRuntime.engine(2);
        CaeConfig cfg = CaeConfig.paper().withInputSize(64).withSeed(3);
        float[][] images = MedNistFixture.images(PER_CLASS);
        int n = images.length, steps = EPOCHS * (n / BATCH);
        float[] all = new float[n * 4096];
        for (int i = 0; i < n; i++) System.arraycopy(images[i], 0, all, i * 4096, 4096);
        int[] order = new int[steps * BATCH];
        Random rng = new Random(3);
        for (int e = 0; e < EPOCHS; e++) {
            int[] perm = java.util.stream.IntStream.range(0, n).toArray();
            Shuffle.shuffle(perm, rng);
            System.arraycopy(perm, 0, order, e * (n / BATCH) * BATCH, (n / BATCH) * BATCH);
        }
        float[] losses = new float[steps];
        try (CaeNetwork net = CaeNetwork.initialise(cfg, Device.cpu()); NDManager io = NDManager.newBaseManager(Device.cpu())) {
            double mean = 0;
            for (float v : all) mean += v;
            net.setOutputMean(mean / all.length);
            NDList init = net.snapshot(io);
            init.add(CaeParityTest.named(io.create(all, new Shape(n, 1, 64, 64)), "x"));
            float[] orderF = new float[order.length];
            for (int i = 0; i < order.length; i++) orderF[i] = order[i];
            init.add(CaeParityTest.named(io.create(orderF, new Shape(steps, BATCH)), "order"));
            net.outputConvPadded(); // as the trainers: decided before gradients are recorded
            try (AdamOptimizer adam = new AdamOptimizer(net.allParameters(), cfg.learningRate(), net.manager())) {
                float[] batch = new float[BATCH * 4096];
                for (int s = 0; s < steps; s++) {
                    for (int b = 0; b < BATCH; b++) System.arraycopy(all, order[s * BATCH + b] * 4096, batch, b * 4096, 4096);
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        NDArray x = net.input(net.manager(), batch, BATCH);
                        try (GradientCollector gc = net.manager().getEngine().newGradientCollector()) {
                            NDArray l = SoftAssignment.mse(net.decode(net.encode(x)), x);
                            gc.backward(l);
                            losses[s] = l.getFloat();
                        }
                    }
                    adam.step();
                }
            }
            NDList out = new NDList();
            out.add(CaeParityTest.named(io.create(losses), "loss"));
            CaeParityTest.writeNpz(dir.resolve("init.npz"), init);
            CaeParityTest.writeNpz(dir.resolve("java.npz"), out);
        }
        assertEquals(0, CaeParityTest.run(List.of("/usr/bin/python3", org.pacscluster.SharedData.repo().resolve("parity/loss_curve.py").toString(), dir.toString()), 600),
                "parity/loss_curve.py: the curves parted (see its output above)");
    }
}
