package org.pacscluster.deep;

import java.util.List;
import java.util.function.IntSupplier;

/**
 * Decides, from the state of a run, whether it should stop now. The rules read live state (a counter, a list the
 * trainer appends to), so one rule object serves a whole run, a resumed one included.
 */
@FunctionalInterface
interface StoppingRule {
    /** The reason to stop now, or null to go on. */
    StopReason check();

    /** Early stopping: {@code badEpochs} epochs without a better validation loss; {@code patience} 0 is off. */
    static StoppingRule patience(int patience, IntSupplier badEpochs) {
        return () -> patience > 0 && badEpochs.getAsInt() >= patience ? StopReason.EARLY_STOPPING : null;
    }

    /** The paper's rule: the last epoch loss moved by less than {@code tolerance} relative to the one before. */
    static StoppingRule lossChange(double tolerance, List<Double> epochLosses) {
        return () -> {
            int n = epochLosses.size();
            if (n < 2) return null;
            double prev = epochLosses.get(n - 2), last = epochLosses.get(n - 1);
            return Math.abs(last - prev) < tolerance * Math.abs(prev) ? StopReason.LOSS_CHANGE : null;
        };
    }

    /**
     * DEC's rule: fewer than {@code tolerance} of the labels changed at the last target update. The first update
     * does not count: it compares with k-means' labels, not with an earlier target.
     */
    static StoppingRule labelChange(double tolerance, List<Double> labelChanges) {
        return () -> {
            int n = labelChanges.size();
            return n > 1 && labelChanges.get(n - 1) < tolerance ? StopReason.LABEL_CHANGE : null;
        };
    }
}
