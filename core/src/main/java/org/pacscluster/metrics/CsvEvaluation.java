package org.pacscluster.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pacscluster.io.Csv;

/**
 * Scores cluster assignments in one CSV ({@code id,cluster}, extra columns ignored) against label columns of
 * another ({@code id,<labels...>}), joined by id. Both files must list exactly the same ids, once each.
 */
public final class CsvEvaluation {
    /** Columns of a truth file that are never label columns when none are named. */
    private static final List<String> NOT_LABELS = List.of("id", "split", "cluster", "row", "source", "file");

    private CsvEvaluation() {}

    /**
     * @param columns label columns to score; empty = every truth column except id, split, cluster, row, source, file
     * @param split   when not null, only prediction rows whose {@code split} column equals it are scored
     * @return scores per label column, in the order asked
     */
    public static Map<String, LabelScores> evaluate(Path pred, Path truth, List<String> columns, String split)
            throws IOException {
        Csv.Table p = Csv.read(pred), t = Csv.read(truth);
        String pn = pred.getFileName().toString(), tn = truth.getFileName().toString();
        int pid = p.requireColumn("id", pn), pcl = p.requireColumn("cluster", pn), tid = t.column("id") >= 0 ? t.column("id") : t.column("file");
        if (tid < 0) t.requireColumn("id", tn);   // neither id nor file: the usual one-line error
        int psplit = split == null ? -1 : p.requireColumn("split", pn);
        List<String> cols = new ArrayList<>(columns);
        if (cols.isEmpty()) {
            for (String h : t.header()) if (!NOT_LABELS.contains(h.trim().toLowerCase(java.util.Locale.ROOT))) cols.add(h.trim());
            if (cols.isEmpty()) throw new IllegalArgumentException(tn + " has no label columns besides id");
        }
        int[] tc = new int[cols.size()];
        for (int c = 0; c < tc.length; c++) tc[c] = t.requireColumn(cols.get(c), tn);

        Map<String, List<String>> truthById = new HashMap<>();
        for (List<String> r : t.rows()) {
            String id = field(r, tid);
            if (truthById.put(id, r) != null) throw new IllegalArgumentException(tn + " lists id '" + id + "' twice");
        }
        List<String> ids = new ArrayList<>();
        List<Integer> clusters = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (List<String> r : p.rows()) {
            if (split != null && !field(r, psplit).equalsIgnoreCase(split)) continue;
            String id = field(r, pid);
            if (!seen.add(id)) throw new IllegalArgumentException(pn + " lists id '" + id + "' twice");
            if (!truthById.containsKey(id)) throw new IllegalArgumentException("id '" + id + "' of " + pn + " is not in " + tn);
            String cl = field(r, pcl).trim();
            try {
                clusters.add(Integer.parseInt(cl));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(pn + ": cluster of id '" + id + "' is not an integer: '" + cl + "'");
            }
            ids.add(id);
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException(pn + " has no assignments" + (split == null ? "" : " in split '" + split + "'"));
        }
        if (split == null && ids.size() != truthById.size()) {
            long missing = truthById.keySet().stream().filter(id -> !seen.contains(id)).count();
            throw new IllegalArgumentException(missing + " ids of " + tn + " have no assignment in " + pn);
        }
        int[] pred_ = clusters.stream().mapToInt(Integer::intValue).toArray();
        Map<String, LabelScores> out = new LinkedHashMap<>();
        for (int c = 0; c < tc.length; c++) {
            String[] labels = new String[ids.size()];
            for (int i = 0; i < labels.length; i++) labels[i] = field(truthById.get(ids.get(i)), tc[c]);
            out.put(cols.get(c), LabelScores.of(labels, pred_));
        }
        return out;
    }

    private static String field(List<String> row, int col) { return col < row.size() ? row.get(col) : ""; }
}
