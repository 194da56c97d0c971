package org.pacscluster.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The engine's float32 convolution input gradient, for every conv shape the paper's CAE computes at 64², against
 * the same computation in float64 (which libtorch runs without oneDNN). libtorch 2.7.1's oneDNN once got it wrong
 * for fewer than 16 output channels; {@link NarrowConvCheck} decides at run time whether the 1-channel output conv
 * must be padded to 16 channels. These tests fail if an engine upgrade breaks a shape we compute, and check that
 * the padded and the narrow output conv are the same function with the same gradients.
 */
class ConvGradientTest {
    private static final double TOLERANCE = NarrowConvCheck.TOLERANCE;

    @Test
    void inputGradientsOfTheModelsConvShapesMatchFloat64() {
        DeepRuntime.engine(2);
        CaeConfig cfg = CaeConfig.paper().withInputSize(64);
        int[] f = cfg.filters();
        int s = cfg.inputSize();
        boolean narrow = NarrowConvCheck.narrowConvIsSafe(Device.cpu(), f[0], 1, s);
        StringBuilder report = new StringBuilder(narrow ? "output conv narrow; " : "output conv padded to 16; ");
        double worst = 0;
        // encoder blocks 1..4 (block 0's input is the image, which needs no gradient)
        for (int i = 1; i < f.length; i++) worst = Math.max(worst, check(f[i - 1], f[i], s >> i, report));
        // decoder blocks, after each 2x upsampling; the last conv as the network computes it on this machine
        int in = f[f.length - 1], side = s >> f.length;
        for (int i = 0; i < f.length; i++) {
            side *= 2;
            int out = i == f.length - 1 ? (narrow ? 1 : CaeNetwork.PADDED_OUTPUT_CHANNELS) : f[f.length - 2 - i];
            worst = Math.max(worst, check(in, out, side, report));
            in = out;
        }
        System.out.println("[conv-grad] " + report);
        assertTrue(worst <= TOLERANCE, "conv input gradients differ from float64 by " + worst + ": " + report);
    }

    @Test
    void reportsWhetherTheSmallChannelBugIsThere() {
        DeepRuntime.engine(Integer.getInteger("t", 2));
        StringBuilder report = new StringBuilder();
        double err = 0;
        for (int out : new int[] {1, 8}) for (int n : new int[] {4, 50}) err = Math.max(err, check(n, 32, out, 64, report));
        boolean safe = NarrowConvCheck.narrowConvIsSafe(Device.cpu(), 32, 1, 64);
        System.out.println(err <= TOLERANCE
                ? "[conv-grad] 1-output-channel conv input gradients are correct on this CPU (" + report + ")"
                : "[conv-grad] this CPU's engine gets 1-output-channel conv input gradients wrong: " + report);
        if (System.getProperty("pacscluster.outputConv") == null) {
            assertEquals(err <= TOLERANCE, safe, "the run-time check agrees with the direct measurement");
        }
    }

    @Test
    void paddedAndNarrowOutputConvAreTheSameFunctionWithTheSameGradients() {
        // where the engine's narrow backward is correct, both paths give the same gradients; the forward always agrees
        DeepRuntime.engine(2);
        CaeConfig cfg = CaeConfig.paper().withInputSize(32).withFilters(new int[] {16, 16}).withLatent(8);
        float[] z = new float[3 * cfg.latent()];
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < z.length; i++) z[i] = (float) rng.nextGaussian();
        Map<String, float[]>[] grads = new Map[2];
        float[][] outs = new float[2][];
        String before = System.getProperty("pacscluster.outputConv");
        try {
            for (int v = 0; v < 2; v++) {
                System.setProperty("pacscluster.outputConv", v == 0 ? "narrow" : "padded");
                try (CaeNetwork net = CaeNetwork.initialise(cfg, Device.cpu());
                     NDManager m = net.manager().newSubManager()) {
                    assertEquals(v == 1, net.outputConvPadded());
                    NDArray y;
                    try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                        y = net.decode(m.create(z, new ai.djl.ndarray.types.Shape(3, cfg.latent())));
                        gc.backward(y.mul(y).sum());
                    }
                    outs[v] = y.toFloatArray();
                    grads[v] = new java.util.LinkedHashMap<>();
                    for (var e : net.parameters().entrySet()) {
                        if (e.getKey().startsWith("dec.")) grads[v].put(e.getKey(), e.getValue().getGradient().toFloatArray());
                    }
                }
            }
        } finally {
            if (before == null) System.clearProperty("pacscluster.outputConv"); else System.setProperty("pacscluster.outputConv", before);
        }
        assertEquals(3 * 32 * 32, outs[0].length, "one output channel either way");
        assertArrayEquals(outs[0], outs[1], 1e-6f);
        if (!NarrowConvCheck.narrowConvIsSafe(Device.cpu(), 16, 1, 32)) {
            // this CPU's engine computes the narrow conv's backward wrongly: exactly why the padded path exists
            System.out.println("[conv-grad] narrow output conv gradients not compared: the engine gets them wrong here");
            return;
        }
        for (String name : grads[0].keySet()) {
            float[] a = grads[0].get(name), b = grads[1].get(name);
            assertEquals(a.length, b.length, name);
            double num = 0, den = 0;
            for (int i = 0; i < a.length; i++) { num += (a[i] - b[i]) * (double) (a[i] - b[i]); den += a[i] * (double) a[i]; }
            assertTrue(Math.sqrt(num / Math.max(den, 1e-30)) < 1e-4, name + " gradients differ between narrow and padded");
        }
    }

    static double check(int in, int out, int side, StringBuilder report) {
        return check(4, in, out, side, report);
    }

    static double check(int n, int in, int out, int side, StringBuilder report) {
        double rel = NarrowConvCheck.relativeInputGradientError(Device.cpu(), n, in, out, side);
        report.append(String.format(java.util.Locale.ROOT, "n%d %d->%d@%d: %.1e; ", n, in, out, side, rel));
        return rel;
    }
}
