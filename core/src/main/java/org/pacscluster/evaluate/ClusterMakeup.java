package org.pacscluster.evaluate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.LabelKind;

/**
 * What one cluster holds among the rows it was computed on (a model's training rows): its size, its majority
 * modality and region with their shares, and (since 0.3) how many rows carry each value. A model keeps one per
 * cluster so that {@code predict} can name what a cluster is and the audit can suggest a tag and judge how unusual an
 * image's own tag is there. An empty cluster has blank majorities and shares of 0.
 *
 * @param modalityCounts rows per modality value (sorted by value); null in models made before 0.3
 * @param regionCounts   rows per region value (sorted by value); null in models made before 0.3
 */
public record ClusterMakeup(int cluster, int size, String modality, double modalityShare, String region,
                            double regionShare, Map<String, Integer> modalityCounts, Map<String, Integer> regionCounts) {

    public ClusterMakeup {
        modalityCounts = modalityCounts == null ? null : java.util.Collections.unmodifiableMap(new TreeMap<>(modalityCounts));
        regionCounts = regionCounts == null ? null : java.util.Collections.unmodifiableMap(new TreeMap<>(regionCounts));
    }

    /** A make-up without per-value counts (as models before 0.3 have it). */
    public ClusterMakeup(int cluster, int size, String modality, double modalityShare, String region, double regionShare) {
        this(cluster, size, modality, modalityShare, region, regionShare, null, null);
    }

    /** The majority value of one label kind. */
    public String majority(LabelKind kind) { return kind == LabelKind.MODALITY ? modality : region; }

    /** The share of the cluster's rows that carry {@link #majority}. */
    public double share(LabelKind kind) { return kind == LabelKind.MODALITY ? modalityShare : regionShare; }

    /**
     * The share of the cluster's rows whose tag of this kind is {@code value} (case-insensitive, as the audit
     * compares tags); NaN when the model kept no counts or the cluster is empty.
     */
    public double shareOf(LabelKind kind, String value) {
        Map<String, Integer> counts = kind == LabelKind.MODALITY ? modalityCounts : regionCounts;
        if (counts == null || size == 0) return Double.NaN;
        int n = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) if (e.getKey().equalsIgnoreCase(value)) n += e.getValue();
        return n / (double) size;
    }

    /** The make-up of each of {@code k} clusters over {@code rows} assigned to {@code clusters}. */
    public static List<ClusterMakeup> of(Dataset data, int[] rows, int[] clusters, int k) {
        return of(data.labels(rows, LabelKind.MODALITY), data.labels(rows, LabelKind.REGION), clusters, k);
    }

    /** The make-up of each of {@code k} clusters; row i has labels {@code mod[i]}, {@code reg[i]}. */
    static List<ClusterMakeup> of(String[] mod, String[] reg, int[] clusters, int k) {
        int[] ones = new int[clusters.length];
        java.util.Arrays.fill(ones, 1);
        return ofCounts(mod, reg, clusters, ones, k);
    }

    /**
     * The make-up of each of {@code k} clusters from counted label combinations: {@code counts[i]} rows of cluster
     * {@code clusters[i]} have labels {@code mod[i]}, {@code reg[i]} — what a distributed job can collect (one entry
     * per cluster and label pair) instead of one per row.
     */
    public static List<ClusterMakeup> ofCounts(String[] mod, String[] reg, int[] clusters, int[] counts, int k) {
        List<ClusterMakeup> out = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            Map<String, Integer> m = new HashMap<>(), r = new HashMap<>();
            int size = 0;
            for (int i = 0; i < clusters.length; i++) {
                if (clusters[i] != c) continue;
                size += counts[i];
                m.merge(mod[i], counts[i], Integer::sum);
                r.merge(reg[i], counts[i], Integer::sum);
            }
            Map.Entry<String, Integer> bm = majority(m), br = majority(r);
            out.add(new ClusterMakeup(c, size, bm == null ? "" : bm.getKey(), bm == null ? 0 : bm.getValue() / (double) size,
                    br == null ? "" : br.getKey(), br == null ? 0 : br.getValue() / (double) size, m, r));
        }
        return out;
    }

    /** The most frequent label; ties go to the alphabetically first so the result does not depend on hashing. */
    private static Map.Entry<String, Integer> majority(Map<String, Integer> counts) {
        Map.Entry<String, Integer> best = null;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (best == null || e.getValue() > best.getValue()
                    || (e.getValue().equals(best.getValue()) && e.getKey().compareTo(best.getKey()) < 0)) best = e;
        }
        return best;
    }
}
