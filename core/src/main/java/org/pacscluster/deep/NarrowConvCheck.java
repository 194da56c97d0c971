package org.pacscluster.deep;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the engine computes the input gradient of a 3×3 convolution with few output channels correctly on this
 * machine. libtorch 2.7.1's bundled oneDNN got it wrong for fewer than 16 output channels on one CPU (issue 4;
 * not reproduced on later machines), which would silently corrupt every gradient that flows back through the
 * CAE's 1-channel output conv. The check compares the float32 gradient with the same computation in float64,
 * which libtorch runs without oneDNN, on a small random batch of the model's own shape; it takes milliseconds and
 * its answer is kept per (device, shape) for the life of the process.
 *
 * <p>The system property {@code pacscluster.outputConv} overrides it: {@code narrow} (always the paper's 1-channel
 * conv), {@code padded} (always the 16-channel workaround), {@code auto} (default: the check decides).
 */
public final class NarrowConvCheck {
    /** Relative L2 error above which a float32 gradient counts as wrong (float32 rounding is ~1e-7). */
    public static final double TOLERANCE = 1e-4;

    private static final Map<String, Boolean> VERDICTS = new ConcurrentHashMap<>();

    private NarrowConvCheck() {}

    /** True when a conv from {@code in} to {@code out} channels can be computed as it is on {@code device}. */
    static boolean narrowConvIsSafe(Device device, int in, int out, int side) {
        String setting = System.getProperty("pacscluster.outputConv", "auto").trim().toLowerCase(Locale.ROOT);
        switch (setting) {
            case "narrow": return true;
            case "padded": return false;
            case "auto": break;
            default: throw new IllegalArgumentException("pacscluster.outputConv must be auto, narrow or padded, got " + setting);
        }
        int s = Math.min(side, 64); // the bug showed at 64²; a larger float64 check would cost seconds
        return VERDICTS.computeIfAbsent(device + "/" + in + "->" + out + "@" + s,
                key -> relativeInputGradientError(device, 4, in, out, s) <= TOLERANCE);
    }

    /**
     * Relative L2 error of d(sum(conv(x)·r))/dx computed in float32 against float64, for a batch of {@code n}
     * random {@code in}-channel {@code side}² inputs and a random {@code out}-channel 3×3 conv (same padding).
     * Not-a-number counts as infinitely wrong.
     */
    public static double relativeInputGradientError(Device device, int n, int in, int out, int side) {
        SplittableRandom rng = new SplittableRandom(in * 1000L + out * 10L + side);
        double[] x = random(n * in * side * side, rng), w = random(out * in * 9, rng), b = random(out, rng);
        double[] r = random(n * out * side * side, rng);
        double[] g32 = inputGradient(device, x, w, b, r, n, in, out, side, false);
        double[] g64 = inputGradient(device, x, w, b, r, n, in, out, side, true);
        double num = 0, den = 0;
        for (int i = 0; i < g64.length; i++) {
            double d = g32[i] - g64[i];
            num += Double.isFinite(d) ? d * d : Double.POSITIVE_INFINITY;
            den += g64[i] * g64[i];
        }
        double rel = Math.sqrt(num / den);
        return Double.isNaN(rel) ? Double.POSITIVE_INFINITY : rel;
    }

    private static double[] inputGradient(Device device, double[] x, double[] w, double[] b, double[] r, int n,
                                          int in, int out, int side, boolean float64) {
        try (NDManager m = NDManager.newBaseManager(device)) {
            NDArray xa = create(m, x, new Shape(n, in, side, side), float64);
            NDArray wa = create(m, w, new Shape(out, in, 3, 3), float64);
            NDArray ba = create(m, b, new Shape(out), float64);
            NDArray ra = create(m, r, new Shape(n, out, side, side), float64);
            // as in training, the weights need gradients too (the engine then runs its combined backward)
            xa.setRequiresGradient(true);
            wa.setRequiresGradient(true);
            ba.setRequiresGradient(true);
            try (Backprop backprop = new Backprop()) {
                NDArray y = Conv2d.conv2d(xa, wa, ba, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow();
                backprop.backward(y.mul(ra).sum());
            }
            NDArray g = xa.getGradient();
            if (float64) return g.toDoubleArray();
            float[] gf = g.toFloatArray();
            double[] widened = new double[gf.length];
            for (int i = 0; i < gf.length; i++) widened[i] = gf[i];
            return widened;
        }
    }

    private static NDArray create(NDManager m, double[] v, Shape shape, boolean float64) {
        if (float64) return m.create(v, shape);
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return m.create(f, shape);
    }

    private static double[] random(int n, SplittableRandom rng) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = rng.nextDouble() * 2 - 1;
        return a;
    }
}
