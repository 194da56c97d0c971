package org.pacscluster.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Parity with PyTorch: the paper's CAE at 64² (32-32-64-64-64, latent 100) on 16 real MedNIST images, 3 Adam steps on
 * MSE then 3 Adam steps on the IDEC loss (0.1·KL + MSE, 4 centres). The Java side writes the initial weights, the
 * batch, and for every step the weights before it, its loss and gradients, and the weights after the last step to
 * NPZ; {@code parity/cae_parity.py} rebuilds the model in PyTorch (with a genuine 1-channel output conv) and checks
 * each step from the Java state before it (loss, gradients) and each Adam update (torch.optim.Adam fed the Java
 * gradients must land on the Java weights): relative L2 error ≤ 1e-4 per tensor. Skipped when /usr/bin/python3
 * has no torch, except in CI (PACSCLUSTER_CI=1), where it must run.
 */
class CaeParityTest {
    static final int BATCH = 16, K = 4, STEPS = 3;

    @Test
    void lossesAndGradientsMatchPyTorch() throws Exception {
        boolean ci = "1".equals(System.getenv("PACSCLUSTER_CI"));
        boolean torch = run(List.of("/usr/bin/python3", "-c", "import torch"), 120) == 0;
        if (!ci) Assumptions.assumeTrue(torch, "python3-torch is not installed; skipping the PyTorch parity check");
        assertTrue(torch, "CI must have python3-torch for the parity check (apt-get install python3-torch)");

        Path dir = Path.of("target", "parity");
        Files.createDirectories(dir);
        exportJavaRun(dir);
        int rc = run(List.of("/usr/bin/python3", org.pacscluster.SharedData.repo().resolve("parity/cae_parity.py").toString(), dir.toString()), 300);
        assertEquals(0, rc, "parity/cae_parity.py reported differences (see its output above)");
    }

    /** Runs the Java side and writes init.npz and java.npz into {@code dir}. */
    static void exportJavaRun(Path dir) throws IOException {
        DeepRuntime.engine(2);
        CaeConfig cfg = CaeConfig.paper().withInputSize(64).withSeed(7);
        float[][] images = MedNistFixture.images(3);
        float[] pixels = new float[BATCH * 64 * 64];
        for (int i = 0; i < BATCH; i++) System.arraycopy(images[i % images.length], 0, pixels, i * 4096, 4096);
        try (CaeNetwork net = CaeNetwork.initialise(cfg, Device.cpu()); NDManager io = NDManager.newBaseManager(Device.cpu())) {
            double mean = 0;
            for (float v : pixels) mean += v;
            net.setOutputMean(mean / pixels.length); // as CaeTrainer starts a run: a non-zero output bias
            net.outputConvPadded(); // as the trainers: decided before gradients are recorded
            NDList init = net.snapshot(io);
            init.add(named(io.create(pixels, new Shape(BATCH, 1, 64, 64)), "x"));
            NDList out = new NDList();
            // phase 1: autoencoder pre-training steps
            try (AdamOptimizer adam = new AdamOptimizer(net.allParameters(), cfg.learningRate(), net.manager())) {
                for (int s = 0; s < STEPS; s++) {
                    List<NDArray> params = net.allParameters();
                    addValues(out, io, params, "cae" + s + ".w");
                    float loss;
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        NDArray x = net.input(net.manager(), pixels, BATCH);
                        try (GradientCollector gc = net.manager().getEngine().newGradientCollector()) {
                            NDArray l = SoftAssignment.mse(net.decode(net.encode(x)), x);
                            gc.backward(l);
                            loss = l.getFloat();
                        }
                        addGradients(out, io, params, "cae" + s);
                    }
                    out.add(named(io.create(new float[] {loss}), "cae" + s + ".loss"));
                    adam.step();
                }
            }
            addValues(out, io, net.allParameters(), "cae.after");
            // phase 2: IDEC steps from there, centres = embeddings of 4 batch images, target from the first q
            NDArray centres;
            float[] target;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray z = net.encode(net.input(net.manager(), pixels, BATCH));
                float[] zc = z.get("0:" + K).toFloatArray();
                centres = net.manager().create(zc, new Shape(K, cfg.latent()));
                NDScope.unregister(centres);
                target = SoftAssignment.target(SoftAssignment.q(z, centres).toFloatArray(), BATCH, K);
            }
            centres.setName(DeepModel.CENTRES);
            centres.setRequiresGradient(true);
            init.add(named(io.create(centres.toFloatArray(), centres.getShape()), "centres"));
            out.add(named(io.create(target, new Shape(BATCH, K)), "p"));
            DecTrainer dec = new DecTrainer(net, DecConfig.paper(DeepMethod.CIDEC).withK(K));
            List<NDArray> trained = new ArrayList<>(net.allParameters());
            trained.add(centres);
            try (AdamOptimizer adam = new AdamOptimizer(trained, cfg.learningRate(), net.manager())) {
                for (int s = 0; s < STEPS; s++) {
                    addValues(out, io, trained, "idec" + s + ".w");
                    float loss;
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        NDArray x = net.input(net.manager(), pixels, BATCH);
                        NDArray p = net.manager().create(target, new Shape(BATCH, K));
                        try (GradientCollector gc = net.manager().getEngine().newGradientCollector()) {
                            NDArray l = dec.objective(x, p, centres);
                            gc.backward(l);
                            loss = l.getFloat();
                        }
                        addGradients(out, io, trained, "idec" + s);
                    }
                    out.add(named(io.create(new float[] {loss}), "idec" + s + ".loss"));
                    adam.step();
                }
            }
            addValues(out, io, trained, "idec.after");
            writeNpz(dir.resolve("init.npz"), init);
            writeNpz(dir.resolve("java.npz"), out);
        }
    }

    private static void addGradients(NDList out, NDManager io, List<NDArray> params, String prefix) {
        for (NDArray p : params) {
            NDArray g = p.getGradient();
            out.add(named(io.create(g.toFloatArray(), p.getShape()), prefix + ".grad." + p.getName()));
        }
    }

    private static void addValues(NDList out, NDManager io, List<NDArray> params, String prefix) {
        for (NDArray p : params) out.add(named(io.create(p.toFloatArray(), p.getShape()), prefix + "." + p.getName()));
    }

    /** Names an output array and keeps it alive past the step's scope. */
    static NDArray named(NDArray a, String name) {
        NDScope.unregister(a);
        a.setName(name);
        return a;
    }

    static void writeNpz(Path file, NDList list) throws IOException {
        try (OutputStream os = Files.newOutputStream(file)) {
            list.encode(os, NDList.Encoding.NPZ);
        }
    }

    static int run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
