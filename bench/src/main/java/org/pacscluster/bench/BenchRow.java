package org.pacscluster.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line of the bench table: both sides' timings of a workload, the ratio of throughputs ours / theirs and
 * whether it meets the goal. A side that did not run has null stats and says why.
 */
public record BenchRow(String name, String description, String unit, double unitScale, double goal,
                       long oursItems, Stats ours, String oursMissing,
                       long theirsItems, Stats theirs, String theirsMissing, JsonNode theirsInfo, String notes) {
    /** Throughput of ours at its median run, NaN when it did not run. */
    public double oursThroughput() { return ours == null ? Double.NaN : ours.throughput(oursItems, unitScale); }

    public double theirsThroughput() { return theirs == null ? Double.NaN : theirs.throughput(theirsItems, unitScale); }

    /** Throughput ours / theirs (above 1: we are faster); NaN when a side is missing. */
    public double ratio() { return oursThroughput() / theirsThroughput(); }

    /** Whether the ratio meets the goal; null when there is no goal or no ratio. */
    public Boolean met() {
        if (Double.isNaN(goal) || Double.isNaN(ratio())) return null;
        return ratio() >= goal;
    }
}
