package org.pacscluster.io;

import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;

/**
 * Sets how many threads the CPU work of a call may use. k-means, PCA, the HOG/LBP embedders, silhouette and t-SNE
 * work in parallel through parallel streams. A parallel stream runs in the ForkJoinPool of the thread that starts
 * it: in the JVM-wide common pool (one thread per core) when an ordinary thread starts it, and in the task's own
 * pool when a ForkJoinPool task starts it. {@link #call} runs {@code work} as the only task of a new pool of
 * exactly {@code threads} threads, which it shuts down afterwards. Every parallel stream inside {@code work}, however
 * deeply nested, then uses at most that many threads:
 * <pre>{@code
 * KMeansResult r = Parallelism.call(threads, () -> KMeans.fit(x, cfg));   // threads <= 0: all cores
 * }</pre>
 * The pool never adds threads beyond {@code threads}, not even to stand in for a thread blocked in a join. The
 * calling thread waits and does none of the work. Pool threads get the caller's context class loader. Anything
 * {@code work} throws reaches the caller unchanged (the same object, not wrapped), so an {@code IOException} stays
 * an {@code IOException} and a {@code RuntimeException} keeps its type and message.
 *
 * <p>The thread count changes only the time: the parallel parts split their work into fixed blocks and combine the
 * results in a fixed order, so results are bit-identical with any number of threads.
 *
 * <p>This does not limit code that has its own threads and its own setting for them, and is not needed there:
 * ingest ({@code IngestConfig.threads}, a fixed pool of decoding threads), the DICOMweb client
 * ({@code PacsConfig.parallel}), the deep-learning engine's native threads ({@code DeepRuntime.engine(threads)})
 * and the bench's pool of T threads ({@code BenchContext.onOurThreads}).
 */
public final class Parallelism {
    private Parallelism() {}

    /** Work that returns a value and may throw {@code E}. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T call() throws E;
    }

    /** The number of threads {@code threads} stands for: itself when positive, else every core. */
    public static int threads(int threads) {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /**
     * Runs {@code work} in a pool of {@link #threads(int) threads(threads)} threads and returns its result; parallel
     * streams inside it run in that pool. Whatever {@code work} throws is thrown here unchanged.
     */
    public static <T, E extends Exception> T call(int threads, Work<T, E> work) throws E {
        Objects.requireNonNull(work, "work");
        int n = threads(threads);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ForkJoinPool pool = new ForkJoinPool(n, p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setContextClassLoader(loader);
            return t;
        }, null, false, n, n, 1, p -> true, 30, TimeUnit.SECONDS);
        try {
            Outcome<T> o = new Outcome<>();
            // the task itself never fails: ForkJoinTask would hand a failure back wrapped or as a copy
            pool.submit(() -> {
                try {
                    o.value = work.call();
                } catch (Throwable e) {
                    o.failure = e;
                }
            }).join();
            if (o.failure != null) throw Parallelism.<E>rethrow(o.failure);
            return o.value;
        } finally {
            pool.shutdown();
        }
    }

    /** The result of the work, handed from the pool thread to the caller (join orders the accesses). */
    private static final class Outcome<T> {
        T value;
        Throwable failure;
    }

    /** Throws {@code t} as it is: unchecked ones as themselves, a checked one as the work's declared {@code E}. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> RuntimeException rethrow(Throwable t) throws E {
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        throw (E) t;
    }
}
