package org.pacscluster.bench;

import java.util.Arrays;

/** Summary of the timed repeats of one side of a workload: seconds per run, and throughput derived from them. */
public record Stats(double[] seconds, double medianSeconds, double minSeconds, double maxSeconds, double q1Seconds,
                    double q3Seconds) {
    public static Stats of(double[] seconds) {
        if (seconds.length == 0) throw new IllegalArgumentException("no timed runs");
        double[] s = seconds.clone();
        Arrays.sort(s);
        return new Stats(seconds.clone(), quantile(s, 0.5), s[0], s[s.length - 1], quantile(s, 0.25), quantile(s, 0.75));
    }

    /** Linear interpolation between order statistics (numpy's default). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /** Items per second times {@code scale} (e.g. 60 for per-minute units) at the median run. */
    public double throughput(double items, double scale) { return items / medianSeconds * scale; }

    /** Throughput of the slowest run. */
    public double throughputLow(double items, double scale) { return items / maxSeconds * scale; }

    /** Throughput of the fastest run. */
    public double throughputHigh(double items, double scale) { return items / minSeconds * scale; }
}
