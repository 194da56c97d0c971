package org.pacscluster.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.pacscluster.BaselineReference;

class LabelMetricsTest {
    private static final double TOL = 1e-9;

    @Test
    void everyLabelMetricMatchesScikitLearn() {
        JsonNode cases = BaselineReference.read("label_metrics.json").get("cases");
        assertEquals(6, cases.size());
        double worst = 0;
        for (JsonNode c : cases) {
            int[] t = BaselineReference.ints(c.get("labels_true")), p = BaselineReference.ints(c.get("labels_pred"));
            String where = "case n=" + t.length;
            assertEquals(c.get("nmi_arithmetic").asDouble(), LabelMetrics.nmi(t, p), TOL, "nmi " + where);
            assertEquals(c.get("nmi_geometric").asDouble(), LabelMetrics.nmi(t, p, LabelMetrics.Average.GEOMETRIC), TOL, "nmi geo " + where);
            assertEquals(c.get("ami").asDouble(), LabelMetrics.ami(t, p), TOL, "ami " + where);
            assertEquals(c.get("homogeneity").asDouble(), LabelMetrics.homogeneity(t, p), TOL, "homogeneity " + where);
            assertEquals(c.get("completeness").asDouble(), LabelMetrics.completeness(t, p), TOL, "completeness " + where);
            assertEquals(c.get("v_measure").asDouble(), LabelMetrics.vMeasure(t, p), TOL, "v " + where);
            assertEquals(c.get("ari").asDouble(), LabelMetrics.ari(t, p), TOL, "ari " + where);
            LabelScores s = LabelScores.of(t, p);
            double[] mine = {s.nmi(), s.nmiGeometric(), s.ami(), s.homogeneity(), s.completeness(), s.vMeasure(), s.ari()};
            String[] keys = {"nmi_arithmetic", "nmi_geometric", "ami", "homogeneity", "completeness", "v_measure", "ari"};
            for (int i = 0; i < keys.length; i++) worst = Math.max(worst, Math.abs(mine[i] - c.get(keys[i]).asDouble()));
            assertEquals(c.get("nmi_arithmetic").asDouble(), s.nmi(), TOL);
            assertEquals(c.get("ari").asDouble(), s.ari(), TOL);
        }
        System.out.println("label metrics: worst difference vs scikit-learn " + worst);
    }

    @Test
    void scoresDoNotDependOnLabelNames() {
        int[] t = {0, 0, 1, 1, 2, 2, 2};
        int[] p = {5, 5, 9, 9, 9, 1, 1};
        int[] p2 = {1, 1, 0, 0, 0, 7, 7};
        assertEquals(LabelMetrics.nmi(t, p), LabelMetrics.nmi(t, p2), 0);
        assertEquals(LabelMetrics.ari(t, p), LabelMetrics.ari(t, p2), 0);
        String[] names = {"CT", "CT", "MR", "MR", "CR", "CR", "CR"};
        assertEquals(LabelMetrics.nmi(t, p), LabelScores.of(names, p).nmi(), 0);
    }

    @Test
    void edgeCasesAsScikitLearn() {
        // one class and one cluster: perfect agreement by convention
        int[] ones = {3, 3, 3, 3};
        assertEquals(1.0, LabelMetrics.nmi(ones, ones));
        assertEquals(1.0, LabelMetrics.ami(ones, ones));
        assertEquals(1.0, LabelMetrics.ari(ones, ones));
        // everything in one cluster against several classes: MI = 0, homogeneity 0, completeness 1
        int[] t = {0, 1, 2, 0};
        assertEquals(0.0, LabelMetrics.nmi(t, ones));
        assertEquals(0.0, LabelMetrics.homogeneity(t, ones));
        assertEquals(1.0, LabelMetrics.completeness(t, ones));
        assertEquals(0.0, LabelMetrics.ari(t, ones));
        // identical partitions
        int[] p = {7, 8, 9, 7};
        assertEquals(1.0, LabelMetrics.nmi(t, p), 1e-15);
        assertEquals(1.0, LabelMetrics.accuracy(t, p), 0);
        assertThrows(IllegalArgumentException.class, () -> LabelMetrics.nmi(new int[] {1, 2}, new int[] {1}));
    }

    @Test
    void accuracyUsesBestOneToOneMatching() {
        int[] t = {0, 0, 0, 1, 1, 1, 2, 2};
        int[] p = {1, 1, 2, 0, 0, 0, 2, 2};
        // best matching: 1→0 (2 hits), 0→1 (3), 2→2 (2) = 7/8
        assertEquals(7.0 / 8, LabelMetrics.accuracy(t, p), 1e-15);
        // more clusters than classes: unmatched clusters count as wrong
        int[] p2 = {0, 1, 2, 3, 3, 3, 4, 4};
        assertEquals(6.0 / 8, LabelMetrics.accuracy(t, p2), 1e-15);
    }

    @Test
    void logGammaMatchesFactorials() {
        assertEquals(Math.log(120), LogGamma.of(6), 1e-15);
        // log(25!) vs the summed logs
        double s = 0;
        for (int k = 2; k <= 25; k++) s += Math.log(k);
        assertEquals(s, LogGamma.of(26), 1e-12);
        assertEquals(0.5 * Math.log(Math.PI), LogGamma.of(0.5), 1e-13);
    }
}
