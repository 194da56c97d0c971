package org.pacscluster.cluster;

import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The system's BLAS (libblas.so.3: OpenBLAS, reference BLAS, …) through netlib-java's JNI binding, or none. Only
 * {@code sgemm} is used, for the float32 distance step of k-means ({@link FloatSamples}); without a native BLAS
 * that step runs in Java.
 *
 * <p>Determinism: OpenBLAS splits a product over its own threads when m·n·k exceeds 65,536 × 4, and a split changes
 * which micro-kernel computes an element, hence its last bits (measured: one 256 × 25 × 100 call gives different
 * floats with OPENBLAS_NUM_THREADS=1 and 2). Java cannot set OpenBLAS's thread count, so every call is kept at or
 * below {@link #SINGLE_THREAD_MNK}, where OpenBLAS runs on the calling thread whatever its settings; results then
 * depend only on the call shapes, which depend only on the data.
 */
final class NativeBlas {
    /** OpenBLAS's threshold (SMP_THRESHOLD_MIN × GEMM_MULTITHREAD_THRESHOLD) below which gemm stays single-threaded. */
    static final long SINGLE_THREAD_MNK = 65_536L * 4;

    // netlib-java logs "Using …JNIBLAS" at INFO on first use, which would add a line to the CLI's stderr; the logger
    // is held here so that its level is not lost to garbage collection
    private static final Logger NETLIB_LOG = Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder");
    private static final NativeBLAS BLAS = load();

    private NativeBlas() {}

    private static NativeBLAS load() {
        if (!Boolean.parseBoolean(System.getProperty("pacscluster.nativeBlas", "true"))) return null;
        NETLIB_LOG.setLevel(Level.WARNING);
        try {
            return NativeBLAS.getInstance();
        } catch (RuntimeException | LinkageError e) {   // no libblas.so.3, or no JNI stub for this platform
            return null;
        }
    }

    /** The native BLAS, or null when none could be loaded (or -Dpacscluster.nativeBlas=false). */
    static NativeBLAS get() { return BLAS; }

    /** A short name for reports: "native BLAS (…)" or "Java". */
    static String describe() { return BLAS == null ? "Java loops (no native BLAS)" : "native BLAS via " + BLAS.getClass().getSimpleName(); }
}
