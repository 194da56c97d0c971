package org.pacscluster.deep;

import ai.djl.Device;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The convolutional autoencoder as plain functions over named parameter arrays (the same layout as PyTorch's
 * {@code F.conv2d}/{@code F.linear}), so that weights can be exported to and checked against PyTorch exactly.
 *
 * <p>Encoder: per block [3×3 conv, same padding, ReLU, 2×2 max-pool]; flatten; dense to the latent size (linear,
 * as in DEC/DCEC: a ReLU here would zero parts of the embedding the Student-t kernel measures). Decoder: dense back
 * + ReLU, reshape, then per block [bilinear 2× upsampling, 3×3 conv, ReLU] with mirrored channel counts; the last
 * conv is the paper's 1-channel output with a sigmoid. Where {@link NarrowConvCheck} finds that the engine gets a
 * 1-channel conv's input gradient wrong on this machine, that conv is computed with its filter padded by zero
 * filters to {@value #PADDED_OUTPUT_CHANNELS} channels, of which channel 0 is kept: the same function and the same
 * gradients for the one real filter, at 16 times the cost of the layer. The parameters always have the paper's
 * shapes; weights saved by version 0.2 and earlier (16-channel output conv) load by keeping channel 0.
 */
public final class CaeNetwork implements AutoCloseable {
    /** Output channels of the last conv where the engine needs the workaround; only channel 0 is the image. */
    static final int PADDED_OUTPUT_CHANNELS = CaeConfig.MIN_FILTERS;

    private static final Shape K3 = new Shape(3, 3), ONE = new Shape(1, 1), POOL = new Shape(2, 2), NO_PAD = new Shape(0, 0);

    private final CaeConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    /** Whether this machine's engine needs the padded output conv (see {@link NarrowConvCheck}); null until needed. */
    private Boolean padOutputConv;

    private CaeNetwork(CaeConfig config, Device device) {
        this.config = config;
        this.manager = NDManager.newBaseManager(device);
    }

    /**
     * A network with Glorot-uniform weights and zero biases (Keras' defaults) drawn from {@code config.seed()}.
     * Call {@link #setOutputMean} before training: with the output at sigmoid(0) = 0.5 on sparse images (MNIST's
     * mean pixel is 0.1), the first Adam steps drive the whole decoder towards "all black" so hard that the sigmoid
     * saturates (logits around -150) and MSE's gradient vanishes for good.
     */
    public static CaeNetwork initialise(CaeConfig config, Device device) {
        CaeNetwork net = new CaeNetwork(config, device);
        SplittableRandom rng = new SplittableRandom(config.seed());
        int[] f = config.filters();
        int in = 1;
        for (int i = 0; i < f.length; i++) {
            net.addConv("enc.conv" + i, in, f[i], rng);
            in = f[i];
        }
        net.addDense("enc.dense", config.flatSize(), config.latent(), rng);
        net.addDense("dec.dense", config.latent(), config.flatSize(), rng);
        for (int i = 0; i < f.length; i++) {
            boolean last = i == f.length - 1;
            int out = last ? 1 : f[f.length - 2 - i];
            net.addConv("dec.conv" + i, in, out, rng);
            in = out;
        }
        return net;
    }

    private void addConv(String name, int in, int out, SplittableRandom rng) {
        float[] w = new float[out * in * 9];
        glorot(w, w.length, in * 9, out * 9, rng);
        add(name + ".weight", w, new Shape(out, in, 3, 3));
        add(name + ".bias", new float[out], new Shape(out));
    }

    private void addDense(String name, int in, int out, SplittableRandom rng) {
        float[] w = new float[out * in];
        glorot(w, w.length, in, out, rng);
        add(name + ".weight", w, new Shape(out, in));
        add(name + ".bias", new float[out], new Shape(out));
    }

    private static void glorot(float[] w, int count, int fanIn, int fanOut, SplittableRandom rng) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < count; i++) w[i] = (float) ((rng.nextDouble() * 2 - 1) * limit);
    }

    /** Name of the output conv's bias (channel 0 is the image). */
    String outputBiasName() { return "dec.conv" + (config.filters().length - 1) + ".bias"; }

    /**
     * Starts the reconstruction at the data's mean pixel: the output bias becomes logit(mean), so the untrained
     * network predicts the mean image level instead of 0.5 (see {@link #initialise}). {@code mean} is clamped to
     * [0.01, 0.99].
     */
    public void setOutputMean(double mean) {
        double m = Math.min(0.99, Math.max(0.01, mean));
        NDArray old = params.get(outputBiasName());
        float[] b = old.toFloatArray();
        b[0] = (float) Math.log(m / (1 - m));
        Map<String, float[]> v = values();
        v.put(outputBiasName(), b);
        load(v);
    }

    private void add(String name, float[] values, Shape shape) {
        NDArray a = manager.create(values, shape);
        a.setName(name);
        a.setRequiresGradient(true);
        params.put(name, a);
    }

    public CaeConfig config() { return config; }

    public Device device() { return manager.getDevice(); }

    /** The manager that owns the parameters; training state lives in sub-managers of it. */
    NDManager manager() { return manager; }

    /** All parameters in a fixed order (encoder first), by name. */
    public Map<String, NDArray> parameters() { return Collections.unmodifiableMap(params); }

    /** The parameters the encoder uses (what CDEC fine-tunes). */
    public List<NDArray> encoderParameters() {
        List<NDArray> out = new ArrayList<>();
        params.forEach((k, v) -> { if (k.startsWith("enc.")) out.add(v); });
        return out;
    }

    public List<NDArray> allParameters() { return new ArrayList<>(params.values()); }

    /** A batch of images (n × S × S values, row-major) as an (n, 1, S, S) array on this network's device. */
    public NDArray input(NDManager batchManager, float[] pixels, int n) {
        int s = config.inputSize();
        return batchManager.create(pixels, new Shape(n, 1, s, s));
    }

    /** x (n, 1, S, S) → embedding z (n, latent). */
    public NDArray encode(NDArray x) {
        NDArray h = x;
        int blocks = config.filters().length;
        for (int i = 0; i < blocks; i++) {
            h = Activation.relu(conv(h, "enc.conv" + i));
            h = Pool.maxPool2d(h, POOL, POOL, NO_PAD, false);
        }
        h = h.reshape(h.getShape().get(0), config.flatSize());
        return dense(h, "enc.dense");
    }

    /** z (n, latent) → reconstruction (n, 1, S, S) in (0, 1). */
    public NDArray decode(NDArray z) {
        int[] f = config.filters();
        int s = config.bottleneckSize();
        NDArray h = Activation.relu(dense(z, "dec.dense")).reshape(z.getShape().get(0), f[f.length - 1], s, s);
        for (int i = 0; i < f.length - 1; i++) h = Activation.relu(conv(upsample2x(h), "dec.conv" + i));
        return Activation.sigmoid(outputConv(upsample2x(h), "dec.conv" + (f.length - 1)));
    }

    private NDArray conv(NDArray h, String name) {
        return Conv2d.conv2d(h, params.get(name + ".weight"), params.get(name + ".bias"), ONE, ONE, ONE, 1)
                .singletonOrThrow();
    }

    /** The 1-channel output conv, padded to 16 channels where this machine's engine needs it (see the class note). */
    private NDArray outputConv(NDArray h, String name) {
        if (!outputConvPadded()) return conv(h, name);
        NDArray w = params.get(name + ".weight"), b = params.get(name + ".bias");
        int pad = PADDED_OUTPUT_CHANNELS - 1;
        NDManager m = h.getManager();
        NDArray wPadded = w.concat(m.zeros(new Shape(pad, w.getShape().get(1), 3, 3)), 0);
        NDArray bPadded = b.concat(m.zeros(new Shape(pad)), 0);
        return Conv2d.conv2d(h, wPadded, bPadded, ONE, ONE, ONE, 1).singletonOrThrow().get(":, 0:1");
    }

    /**
     * Whether the output conv runs padded (the workaround) on this machine, decided by {@link NarrowConvCheck} on the
     * first call. Only the decoder uses that conv, so encoding (predict) never runs the check, whose engine warnings
     * would otherwise reach every command's stderr. The check records gradients of its own, and its time should not
     * count as a training step's: trainers call this before their first step.
     */
    public synchronized boolean outputConvPadded() {
        if (padOutputConv == null) {
            padOutputConv = !NarrowConvCheck.narrowConvIsSafe(device(), config.filters()[0], 1, config.inputSize());
        }
        return padOutputConv;
    }

    private NDArray dense(NDArray h, String name) {
        return Linear.linear(h, params.get(name + ".weight"), params.get(name + ".bias")).singletonOrThrow();
    }

    /** Bilinear, align_corners=false (PyTorch's F.interpolate semantics); differentiable, NCHW. */
    static NDArray upsample2x(NDArray h) {
        Shape s = h.getShape();
        return h.getNDArrayInternal().interpolation(new long[] {2 * s.get(2), 2 * s.get(3)},
                Image.Interpolation.BILINEAR.ordinal(), false);
    }

    /** Copies of the parameters, named, for saving (DJL's NDList encoding) or export (NPZ). */
    public NDList snapshot(NDManager into) {
        NDList out = new NDList();
        params.forEach((name, a) -> {
            NDArray c = into.create(a.toFloatArray(), a.getShape());
            c.setName(name);
            out.add(c);
        });
        return out;
    }

    /** The current parameter values by name (copies). */
    public Map<String, float[]> values() {
        Map<String, float[]> out = new LinkedHashMap<>();
        params.forEach((name, a) -> out.put(name, a.toFloatArray()));
        return out;
    }

    /** Replaces every parameter by the same-named saved array (a model or checkpoint); see {@link #load(Map)}. */
    public void load(NDList saved) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (NDArray a : saved) {
            if (a.getName() == null || !params.containsKey(a.getName())) continue; // centres, optimiser state, ...
            if (a.getDataType() != DataType.FLOAT32) {
                throw new IllegalArgumentException("saved parameter " + a.getName() + " is " + a.getDataType()
                        + ", expected float32");
            }
            values.put(a.getName(), a.toFloatArray());
        }
        load(values);
    }

    /**
     * Replaces every parameter by a copy of the same-named values; sizes must match. Call before building an
     * optimiser over {@link #allParameters()}: the parameter objects change. An output conv saved with 16 channels
     * (version 0.2 and earlier) loads as its channel 0, the only one the network ever used.
     */
    public void load(Map<String, float[]> values) {
        Map<String, float[]> fixed = new LinkedHashMap<>(values);
        String last = "dec.conv" + (config.filters().length - 1);
        for (String name : List.of(last + ".weight", last + ".bias")) {
            float[] v = fixed.get(name);
            long expected = params.get(name).size();
            if (v != null && v.length == expected * PADDED_OUTPUT_CHANNELS) {
                fixed.put(name, java.util.Arrays.copyOf(v, (int) expected)); // channel 0 comes first in (out, in, 3, 3)
            }
        }
        loadExact(fixed);
    }

    private void loadExact(Map<String, float[]> values) {
        params.forEach((name, p) -> {
            float[] v = values.get(name);
            if (v == null) throw new IllegalArgumentException("saved weights lack parameter " + name);
            if (v.length != p.size()) {
                throw new IllegalArgumentException("saved parameter " + name + " has " + v.length
                        + " values, the network expects " + p.getShape() + " (saved with another configuration?)");
            }
        });
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray old = e.getValue();
            NDArray fresh = manager.create(values.get(e.getKey()), old.getShape());
            fresh.setName(e.getKey());
            fresh.setRequiresGradient(true);
            e.setValue(fresh);
            old.close();
        }
    }

    @Override
    public void close() { manager.close(); }
}
