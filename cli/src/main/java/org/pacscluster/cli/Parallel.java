package org.pacscluster.cli;

import org.pacscluster.io.Parallelism;

/**
 * Runs a command's work on the CPU threads its {@code --threads} option allows: every parallel step inside (k-means,
 * descriptors, PCA, silhouettes, t-SNE) then runs in that many threads ({@link Parallelism}); the deep-learning
 * engine gets the same count through the method settings.
 */
final class Parallel {
    private Parallel() {}

    static <T, E extends Exception> T call(HardwareOptions hardware, Parallelism.Work<T, E> work) throws E {
        return Parallelism.call(hardware.threads, work);
    }
}
