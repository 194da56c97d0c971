package org.pacscluster.audit;

import org.pacscluster.dataset.LabelKind;
import org.pacscluster.evaluate.ClusterMakeup;

/**
 * How sure the audit is that a finding is a wrong tag: the number its findings are ranked by. Which rule ranks
 * better depends on how the wrong tags arose (docs/experiment.md): every experiment report measures both.
 */
public enum Confidence {
    /**
     * The cluster's purity for the suggested tag: the share of its training images carrying it (the default). It
     * does not look at the image's own tag, so it also ranks well when the wrong tags are a common value (a
     * default such as "CHEST" typed on everything).
     */
    CLUSTER_PURITY,
    /**
     * The share of the cluster's training images that do not carry the image's own tag. A randomly mistyped tag is
     * usually a value its cluster hardly holds (confidence near 1), while a genuine look-alike, e.g. a chest CT
     * slice in a cluster of abdomen slices, carries a value the cluster holds in part and ranks lower, although
     * both disagree with the same majority. Better than purity for random errors, worse when the wrong value is
     * common in the cluster, or when the model was trained on the wrong tags themselves in small clusters. For a
     * missing tag, and for models made before 0.3 (no per-value counts), it is the purity.
     */
    TAG_RARITY;

    /** The confidence of a finding on tag {@code kind} of an image in cluster {@code m} whose tag is {@code current}. */
    public double of(ClusterMakeup m, LabelKind kind, String current, boolean missing) {
        double purity = m.share(kind);
        if (this == CLUSTER_PURITY || missing) return purity;
        double own = m.shareOf(kind, current);
        return Double.isNaN(own) ? purity : 1 - own;
    }
}
