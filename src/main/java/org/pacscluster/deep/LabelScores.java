package org.pacscluster.deep;

import java.util.HashMap;
import java.util.Map;

/**
 * NMI (arithmetic mean, scikit-learn's default) and homogeneity of cluster labels against class labels, for the
 * metrics a saved model records about its test split. (The metrics package holds the full evaluation.)
 */
final class LabelScores {
    private LabelScores() {}

    record Scores(double nmi, double homogeneity) {}

    static Scores of(String[] truth, int[] clusters) {
        int n = truth.length;
        Map<String, Integer> classIds = new HashMap<>();
        int[] c = new int[n];
        for (int i = 0; i < n; i++) c[i] = classIds.computeIfAbsent(truth[i], s -> classIds.size());
        int nc = classIds.size(), nk = 0;
        for (int k : clusters) nk = Math.max(nk, k + 1);
        double[][] table = new double[nc][nk];
        double[] rowSum = new double[nc], colSum = new double[nk];
        for (int i = 0; i < n; i++) { table[c[i]][clusters[i]]++; rowSum[c[i]]++; colSum[clusters[i]]++; }
        double hc = entropy(rowSum, n), hk = entropy(colSum, n), mi = 0;
        for (int a = 0; a < nc; a++) {
            for (int b = 0; b < nk; b++) {
                double v = table[a][b];
                if (v > 0) mi += v / n * Math.log(v * n / (rowSum[a] * colSum[b]));
            }
        }
        mi = Math.max(0, mi);
        double nmi = hc == 0 && hk == 0 ? 1 : (hc + hk == 0 ? 0 : mi / ((hc + hk) / 2));
        double homogeneity = hc == 0 ? 1 : mi / hc;
        return new Scores(Math.min(1, nmi), Math.min(1, homogeneity));
    }

    private static double entropy(double[] counts, int n) {
        double h = 0;
        for (double v : counts) if (v > 0) h -= v / n * Math.log(v / n);
        return h;
    }
}
