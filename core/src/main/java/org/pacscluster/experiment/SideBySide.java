package org.pacscluster.experiment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.pacscluster.io.Parallelism;

/**
 * An experiment's runs side by side ({@code --parallel-runs N}): N threads take the runs in order, and each run
 * works inside a {@link Parallelism} pool of the settings' thread count of its own, so that N runs use at most
 * N × threads cores and the parallel steps of one run never wait for another's. On a 2-core machine with
 * {@code --threads 1}, two runs at once keep both cores busy where one run leaves one idle.
 *
 * <p>When a run fails, the runs not yet started are dropped and those under way are let finish (what they finish is
 * saved, for a resume); then the first failure is thrown as it was: an {@code IOException} stays one.
 */
final class SideBySide {
    private SideBySide() {}

    static void run(List<Integer> runs, int parallel, int threadsPerRun, Experiment.RunTask task) throws IOException {
        AtomicInteger names = new AtomicInteger();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, work -> {
            Thread t = new Thread(work, "experiment-run-" + names.incrementAndGet());
            t.setDaemon(true); // an interrupted experiment exits; finished (method, run) pairs are already saved
            t.setContextClassLoader(loader);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int r : runs) {
                futures.add(pool.submit(() -> Parallelism.call(threadsPerRun, () -> {
                    task.run(r);
                    return null;
                })));
            }
        } finally {
            pool.shutdown();
        }
        Throwable first = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause();
                    futures.forEach(other -> other.cancel(false)); // drops the runs not started yet
                }
            } catch (java.util.concurrent.CancellationException e) {
                // dropped after an earlier failure
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(other -> other.cancel(true));
                throw new IOException("interrupted while runs were under way", e);
            }
        }
        if (first instanceof IOException io) throw io;
        if (first instanceof RuntimeException re) throw re;
        if (first instanceof Error err) throw err;
        if (first != null) throw new IllegalStateException(first);
    }
}
