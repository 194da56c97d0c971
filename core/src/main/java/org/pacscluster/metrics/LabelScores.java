package org.pacscluster.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * All label-based scores of one clustering against one label column.
 *
 * @param n            number of samples scored
 * @param classes      distinct true labels
 * @param clusters     distinct cluster ids
 * @param nmi          normalised mutual information, arithmetic mean (scikit-learn's default)
 * @param nmiGeometric normalised mutual information, geometric mean
 * @param homogeneity  each cluster holds one class
 * @param completeness each class sits in one cluster
 * @param vMeasure     harmonic mean of homogeneity and completeness
 * @param ari          adjusted Rand index
 * @param ami          adjusted mutual information (arithmetic mean)
 * @param accuracy     clustering accuracy under the best one-to-one cluster→class matching
 */
public record LabelScores(int n, int classes, int clusters, double nmi, double nmiGeometric, double homogeneity,
                          double completeness, double vMeasure, double ari, double ami, double accuracy) {

    /** Scores cluster ids {@code pred} against the class names {@code truth}. */
    public static LabelScores of(String[] truth, int[] pred) {
        return of(Contingency.dense(truth), pred);
    }

    public static LabelScores of(int[] truth, int[] pred) {
        Contingency c = Contingency.of(truth, pred);
        double[] hcv = LabelMetrics.hcv(c);
        return new LabelScores((int) c.n, c.classes(), c.clusters(), LabelMetrics.nmi(truth, pred),
                LabelMetrics.nmi(truth, pred, LabelMetrics.Average.GEOMETRIC), hcv[0], hcv[1], hcv[2],
                LabelMetrics.ari(truth, pred), LabelMetrics.ami(truth, pred), LabelMetrics.accuracy(truth, pred));
    }

    /** Name → value, in a stable order, for JSON output. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", n);
        m.put("classes", classes);
        m.put("clusters", clusters);
        m.put("nmi", nmi);
        m.put("nmi_geometric", nmiGeometric);
        m.put("homogeneity", homogeneity);
        m.put("completeness", completeness);
        m.put("v_measure", vMeasure);
        m.put("ari", ari);
        m.put("ami", ami);
        m.put("accuracy", accuracy);
        return m;
    }
}
