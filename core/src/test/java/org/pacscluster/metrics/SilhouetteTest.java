package org.pacscluster.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.pacscluster.BaselineReference;

class SilhouetteTest {
    @Test
    void matchesScikitLearnScoreAndSamples() {
        JsonNode cases = BaselineReference.read("silhouette.json").get("cases");
        assertEquals(3, cases.size());
        for (JsonNode c : cases) {
            double[][] x = BaselineReference.matrix(c.get("x"));
            int[] labels = BaselineReference.ints(c.get("labels"));
            double[] s = Silhouette.samples(x, labels);
            double[] first = BaselineReference.doubles(c.get("silhouette_samples_first10"));
            for (int i = 0; i < first.length; i++) assertEquals(first[i], s[i], 1e-9, "sample " + i);
            assertEquals(c.get("silhouette").asDouble(), Silhouette.score(x, labels), 1e-9, "n=" + x.length);
            System.out.println("silhouette n=" + x.length + ": difference vs scikit-learn "
                    + Math.abs(c.get("silhouette").asDouble() - Silhouette.score(x, labels)));
        }
    }

    @Test
    void singletonScoresZeroAndBadInputIsRefused() {
        double[][] x = {{0, 0}, {0, 1}, {5, 5}, {5, 6}, {20, 20}};
        int[] labels = {0, 0, 1, 1, 2};
        double[] s = Silhouette.samples(x, labels);
        assertEquals(0.0, s[4]);
        assertTrue(s[0] > 0.8);
        assertThrows(IllegalArgumentException.class, () -> Silhouette.score(x, new int[] {0, 0, 0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> Silhouette.score(x, new int[] {0, 1, 2, 3, 4}));
        double[][] bad = {{0, Double.NaN}, {1, 1}, {2, 2}};
        assertThrows(IllegalArgumentException.class, () -> Silhouette.score(bad, new int[] {0, 1, 1}));
    }

    @Test
    void sampledScoreIsSeededAndCloseToExact() {
        JsonNode c = BaselineReference.read("silhouette.json").get("cases").get(2);
        double[][] x = BaselineReference.matrix(c.get("x"));
        int[] labels = BaselineReference.ints(c.get("labels"));
        double a = Silhouette.score(x, labels, 800, 7), b = Silhouette.score(x, labels, 800, 7);
        assertEquals(a, b, 0);
        assertEquals(c.get("silhouette").asDouble(), a, 0.05);
        assertEquals(Silhouette.score(x, labels), Silhouette.score(x, labels, x.length, 1), 0);
    }
}
