package org.pacscluster.bench;

/**
 * One benchmark workload: a job both sides do on the same data, its throughput unit and the speed goal of the
 * ratio ours/theirs. {@link #prepare} builds the data (files for the Python side included) and returns the
 * {@link Trial} that the runner times.
 */
public interface Workload {
    /** Name used with {@code --workloads}, e.g. {@code hog-256}. */
    String name();

    /** One line: what is timed, on what data, with which settings. */
    String description();

    /** Throughput unit, e.g. {@code img/s}. */
    String unit();

    /** Multiplies items per second into {@link #unit()} (60 for per-minute units). */
    default double unitScale() { return 1; }

    /** The goal for throughput ours / theirs, or NaN when the issue sets none. */
    double goal();

    /**
     * Timed runs for this workload when {@code requested} were asked for: long single computations (a t-SNE fit
     * takes a minute) cap it so a full run stays within about twenty minutes.
     */
    default int repeats(int requested) { return requested; }

    /** Warm-up runs for this workload when {@code requested} were asked for. */
    default int warmup(int requested) { return requested; }

    Trial prepare(BenchContext ctx) throws Exception;
}
