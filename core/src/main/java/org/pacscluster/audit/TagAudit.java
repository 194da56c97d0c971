package org.pacscluster.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.pacscluster.cluster.Assignments;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.ImageRecord;
import org.pacscluster.dataset.LabelKind;
import org.pacscluster.dicom.MissingLabel;
import org.pacscluster.evaluate.ClusterMakeup;

/**
 * The tag audit: an image whose modality or region tag is missing, or disagrees with the majority of the cluster
 * its pixels fall into, is a candidate for a wrong tag, with the cluster's majority as the suggested tag. Findings
 * are ranked by a {@link Confidence}: by default the cluster's purity for the suggested tag (since 0.3; purity × soft
 * assignment in 0.2), or how rare the image's own tag is in the cluster. Ties go to the purer cluster, then to the
 * image's soft assignment. The ranking rules are compared on MedNIST with planted wrong tags in docs/experiment.md
 * and in every experiment report ({@code experiment.AuditCheck}).
 */
public final class TagAudit {
    private TagAudit() {}

    /** One suspicious tag. {@code reason} is "missing" or "disagrees". */
    public record Finding(String id, String source, String tag, String current, String suggested, String reason,
                          double confidence, int cluster, double probability, double purity) {}

    /**
     * @param assigned the cluster of each row and its soft assignment to it
     * @param makeup   per cluster, from the model's training rows; a cluster with no training images has an empty
     *                 majority and flags nothing
     * @return findings, most confident first, then by soft assignment (ties by id, so the order is reproducible)
     */
    public static List<Finding> audit(Dataset data, int[] rows, Assignments assigned, List<ClusterMakeup> makeup) {
        return audit(data, rows, assigned, makeup, i -> false);
    }

    /**
     * As {@link #audit(Dataset, int[], Assignments, List)}, suggesting nothing for the rows (by position in
     * {@code rows}) that fit no cluster: their cluster's majority says nothing about them.
     */
    public static List<Finding> audit(Dataset data, int[] rows, Assignments assigned, List<ClusterMakeup> makeup,
                                      IntPredicate novel) {
        return audit(data, rows, assigned, makeup, novel, Confidence.CLUSTER_PURITY);
    }

    /** As {@link #audit(Dataset, int[], Assignments, List, IntPredicate)}, ranked by {@code confidence}. */
    public static List<Finding> audit(Dataset data, int[] rows, Assignments assigned, List<ClusterMakeup> makeup,
                                      IntPredicate novel, Confidence confidence) {
        return audit(i -> data.record(rows[i]), rows.length, assigned, makeup, novel, confidence);
    }

    /**
     * The audit of {@code n} images given by their records (position {@code i} → record): the tags audited are the
     * records', so a caller may audit tags other than the dataset's, e.g. deliberately corrupted copies.
     */
    public static List<Finding> audit(IntFunction<ImageRecord> records, int n, Assignments assigned,
                                      List<ClusterMakeup> makeup, IntPredicate novel, Confidence confidence) {
        int[] clusters = assigned.clusters();
        float[] probability = assigned.probabilities();
        if (clusters.length != n) throw new IllegalArgumentException(n + " images but " + clusters.length + " assignments");
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (novel.test(i)) continue;
            ImageRecord r = records.apply(i);
            ClusterMakeup m = makeup.get(clusters[i]);
            for (LabelKind kind : LabelKind.values()) {
                String suggested = m.majority(kind);
                if (MissingLabel.isMissing(suggested)) continue;
                String current = r.label(kind);
                String reason = MissingLabel.isMissing(current) ? "missing" : current.equalsIgnoreCase(suggested) ? null : "disagrees";
                if (reason == null) continue;
                double purity = m.share(kind);
                out.add(new Finding(r.id(), r.source(), kind.column(), current, suggested, reason,
                        confidence.of(m, kind, current, reason.equals("missing")), clusters[i], probability[i], purity));
            }
        }
        out.sort(Comparator.comparingDouble(Finding::confidence).reversed()
                .thenComparing(Comparator.comparingDouble(Finding::purity).reversed())
                .thenComparing(Comparator.comparingDouble(Finding::probability).reversed())
                .thenComparing(Finding::id).thenComparing(Finding::tag));
        return out;
    }
}
