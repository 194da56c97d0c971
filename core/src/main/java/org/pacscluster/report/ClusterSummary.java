package org.pacscluster.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pacscluster.dicom.MissingLabel;

/**
 * What one cluster holds: its size, the sampled members shown in its montage, and per label kind (e.g. MOD, AR)
 * the labels of its members, most frequent first.
 *
 * @param cluster     the cluster id
 * @param size        number of members
 * @param samples     indices (into the assignment) of the members shown, in display order
 * @param composition label kind → shares, largest first (ties by label)
 */
public record ClusterSummary(int cluster, int size, int[] samples, Map<String, List<Share>> composition) {
    /** One label's part of a cluster. */
    public record Share(String label, int count, double fraction) {}

    /** Shares of the labels of {@code members} (indices into {@code labels}), largest first. */
    static List<Share> shares(int[] members, String[] labels) {
        Map<String, Integer> counts = new HashMap<>();
        for (int m : members) counts.merge(MissingLabel.orUnknown(labels[m]), 1, Integer::sum);
        List<Share> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            out.add(new Share(e.getKey(), e.getValue(), e.getValue() / (double) members.length));
        }
        out.sort(Comparator.comparingInt(Share::count).reversed().thenComparing(Share::label));
        return out;
    }

    /** "CT 81%, MR 12%, CR 5%, other 2%": the top {@code top} shares, as shown in the montage. */
    public static String describe(List<Share> shares, int top) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(top, shares.size());
        double rest = 1;
        for (int i = 0; i < shown; i++) {
            Share s = shares.get(i);
            if (i > 0) sb.append(", ");
            sb.append(s.label()).append(' ').append(percent(s.fraction()));
            rest -= s.fraction();
        }
        if (shares.size() > shown) sb.append(", other ").append(percent(Math.max(rest, 0)));
        return sb.toString();
    }

    static String percent(double f) {
        double p = 100 * f;
        return (p > 0 && p < 1 ? "<1" : Long.toString(Math.round(p))) + "%";
    }

    static Map<String, List<Share>> composition(int[] members, Map<String, String[]> labelKinds) {
        Map<String, List<Share>> out = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : labelKinds.entrySet()) out.put(e.getKey(), shares(members, e.getValue()));
        return out;
    }
}
