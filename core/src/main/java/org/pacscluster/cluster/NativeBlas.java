package org.pacscluster.cluster;

import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        // the JNI stub prints "dlopen(...) failed" to stderr from C when the library is missing, which Java cannot
        // silence: on Linux look for it first, and fall back to the Java kernel quietly when it is not there
        String lib = System.getProperty("dev.ludovic.netlib.blas.nativeLib", "libblas.so.3");
        if (System.getProperty("os.name", "").startsWith("Linux") && !onLinuxSearchPath(lib)) return null;
        try {
            return NativeBLAS.getInstance();
        } catch (RuntimeException | LinkageError e) {   // no libblas.so.3, or no JNI stub for this platform
            return null;
        }
    }

    /** Whether the dynamic loader would likely find {@code lib} (a path, or a name in the usual library folders). */
    static boolean onLinuxSearchPath(String lib) {
        if (lib.contains("/")) return Files.isRegularFile(Path.of(lib));
        List<String> dirs = new ArrayList<>();
        for (String env : new String[] {System.getenv("LD_LIBRARY_PATH"), System.getProperty("java.library.path")}) {
            if (env != null) dirs.addAll(List.of(env.split(File.pathSeparator)));
        }
        String arch = System.getProperty("os.arch", "").equals("aarch64") ? "aarch64" : "x86_64";
        dirs.addAll(List.of("/usr/lib/" + arch + "-linux-gnu", "/lib/" + arch + "-linux-gnu", "/usr/lib64", "/lib64",
                "/usr/lib", "/lib", "/usr/local/lib"));
        for (String dir : dirs) {
            if (!dir.isEmpty() && Files.exists(Path.of(dir, lib))) return true;
        }
        return false;
    }

    /** The native BLAS, or null when none could be loaded (or -Dpacscluster.nativeBlas=false). */
    static NativeBLAS get() { return BLAS; }

    /** A short name for reports: "native BLAS (…)" or "Java". */
    static String describe() { return BLAS == null ? "Java loops (no native BLAS)" : "native BLAS via " + BLAS.getClass().getSimpleName(); }
}
