package org.pacscluster.cluster;

/**
 * The cluster of each row and how surely it belongs there: the Student-t soft assignment q of DEC (α = 1) to that
 * cluster, which every method reports the same way so that confidences compare.
 */
public record Assignments(int[] clusters, float[] probabilities) {
    public Assignments {
        if (clusters.length != probabilities.length) {
            throw new IllegalArgumentException(clusters.length + " clusters but " + probabilities.length + " probabilities");
        }
    }
}
