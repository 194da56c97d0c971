package org.pacscluster.deep;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The deep-learning engine as this tool uses it: DJL's PyTorch engine, offline, with a chosen thread count and
 * device. Kept in one place so the rest of the package never touches engine-specific calls.
 */
public final class DeepRuntime {
    private DeepRuntime() {}

    /** Loads the engine (offline, no telemetry) and sets its CPU threads when {@code threads} > 0. */
    public static synchronized Engine engine(int threads) {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        if (threads > 0) System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        Engine engine;
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("the PyTorch engine could not be loaded: " + e.getMessage()
                    + " (see docs/deep.md for the native library set-up)", e);
        }
        if (threads > 0) JniUtils.setNumThreads(threads);
        return engine;
    }

    /**
     * Turns libtorch's gradient recording off for the calling thread. Grad mode is per thread and on by default:
     * DJL turns it off only on the thread that loads the engine, so work handed to another thread (a pool sized by
     * --threads, a Spark task) would record graphs for inference and refuse in-place updates of the weights. Every
     * entry point calls this; {@link Backprop} turns recording on where training needs it.
     */
    public static void gradientsOffOnThisThread() {
        JniUtils.setGradMode(false);
    }

    /** Resolves "auto", "cpu", "gpu" or "gpu:N" to a device; auto picks the first GPU when the engine sees one. */
    public static Device device(String setting, int threads) {
        Engine engine = engine(threads);
        gradientsOffOnThisThread();
        String s = setting == null ? "auto" : setting;
        int gpus = engine.getGpuCount();
        if (s.equals("auto")) return gpus > 0 ? Device.gpu() : Device.cpu();
        if (s.equals("cpu")) return Device.cpu();
        int id = s.equals("gpu") ? 0 : Integer.parseInt(s.substring(4));
        if (id >= gpus) {
            throw new IllegalArgumentException("device " + s + " requested but the engine sees " + gpus
                    + " GPU(s) (a CUDA build of libtorch is needed; see docs/deep.md)");
        }
        return Device.gpu(id);
    }

    /** "DJL 0.36.0, PyTorch 2.7.1" and the like, for provenance. */
    public static String versions() {
        Engine e = engine(0);
        return "DJL " + Engine.getDjlVersion() + ", " + e.getEngineName() + " " + e.getVersion();
    }
}
