package org.pacscluster.experiment;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The time an experiment has left, from what each method took in the runs already done: a CAE pre-training costs
 * minutes, a PCA seconds, so counting (method, run) pairs says little, and a resumed experiment's skipped pairs made
 * the count look far ahead. Known only once every method still to come has finished at least once (from run 2 on,
 * or at once when resuming).
 */
final class RemainingTime {
    private RemainingTime() {}

    /** A (method, run) pair still to do, and how long it has been running (0 when not started). */
    record Pending(String method, double elapsedSeconds) {}

    /**
     * Seconds left: each pending pair's mean time so far less what it has run, summed, over the runs side by side;
     * NaN when a pending method has no time yet.
     *
     * @param done     finished pairs (their method and seconds), resumed ones included
     * @param parallel runs side by side (≥ 1)
     */
    static double estimate(Collection<RunResult> done, List<Pending> pending, int parallel) {
        Map<String, double[]> sums = new HashMap<>();
        for (RunResult r : done) {
            double[] s = sums.computeIfAbsent(r.method(), k -> new double[2]);
            s[0] += r.seconds();
            s[1]++;
        }
        double left = 0;
        for (Pending p : pending) {
            double[] s = sums.get(p.method());
            if (s == null) return Double.NaN;
            left += Math.max(0, s[0] / s[1] - p.elapsedSeconds());
        }
        return left / Math.max(1, Math.min(parallel, Math.max(1, pending.size())));
    }
}
