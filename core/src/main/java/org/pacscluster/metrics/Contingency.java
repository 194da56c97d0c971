package org.pacscluster.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * The contingency table of two labelings of the same samples: {@code counts[i][j]} samples have class i and cluster
 * j. Labels of any type are mapped to dense indices in order of first appearance (the metrics are invariant to the
 * order, so scikit-learn's sorted order is not needed).
 */
final class Contingency {
    final long n;
    final long[][] counts;
    final long[] rowSums;
    final long[] colSums;

    private Contingency(long n, long[][] counts) {
        this.n = n;
        this.counts = counts;
        this.rowSums = new long[counts.length];
        this.colSums = new long[counts.length == 0 ? 0 : counts[0].length];
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < colSums.length; j++) {
                rowSums[i] += counts[i][j];
                colSums[j] += counts[i][j];
            }
        }
    }

    static Contingency of(int[] truth, int[] pred) {
        if (truth.length != pred.length) {
            throw new IllegalArgumentException("label arrays differ in length: " + truth.length + " vs " + pred.length);
        }
        int[] t = dense(truth), p = dense(pred);
        int rows = max(t) + 1, cols = max(p) + 1;
        long[][] c = new long[rows][cols];
        for (int s = 0; s < t.length; s++) c[t[s]][p[s]]++;
        return new Contingency(truth.length, c);
    }

    int classes() { return rowSums.length; }

    int clusters() { return colSums.length; }

    /** Dense indices 0..m-1 for arbitrary int labels, in order of first appearance. */
    static int[] dense(int[] labels) {
        Map<Integer, Integer> ids = new HashMap<>();
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            Integer id = ids.get(labels[i]);
            if (id == null) { id = ids.size(); ids.put(labels[i], id); }
            out[i] = id;
        }
        return out;
    }

    /** Dense indices for string labels (class names), in order of first appearance. */
    static int[] dense(String[] labels) {
        Map<String, Integer> ids = new HashMap<>();
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            Integer id = ids.get(labels[i]);
            if (id == null) { id = ids.size(); ids.put(labels[i], id); }
            out[i] = id;
        }
        return out;
    }

    private static int max(int[] a) {
        int m = -1;
        for (int v : a) m = Math.max(m, v);
        return m;
    }

    /** Entropy (nats) of a count vector, as scikit-learn's {@code entropy}: one non-empty label gives 0. */
    static double entropy(long[] counts) {
        int nonZero = 0;
        long total = 0;
        for (long c : counts) if (c > 0) { nonZero++; total += c; }
        if (total == 0) return 1.0;
        if (nonZero == 1) return 0.0;
        double logTotal = Math.log(total), h = 0;
        for (long c : counts) {
            if (c > 0) h += (c / (double) total) * (Math.log(c) - logTotal);
        }
        return -h;
    }

    /** Mutual information (nats), summed term by term as scikit-learn's {@code mutual_info_score}. */
    double mutualInformation() {
        if (classes() == 1 || clusters() == 1) return 0.0;
        double logN = Math.log(n);
        double logRows = Math.log(n), logCols = Math.log(n);
        double mi = 0;
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < colSums.length; j++) {
                long nij = counts[i][j];
                if (nij == 0) continue;
                double pij = nij / (double) n;
                double logOuter = -Math.log((double) (rowSums[i] * colSums[j])) + logRows + logCols;
                double term = pij * (Math.log(nij) - logN) + pij * logOuter;
                if (Math.abs(term) < 0x1.0p-52) term = 0.0;
                mi += term;
            }
        }
        return Math.max(mi, 0.0);
    }
}
