package org.pacscluster.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StudentTTest {
    @Test
    void nearestCentreWithDecsSoftAssignment() {
        double[][] centres = {{0, 0}, {3, 4}};
        double[][] x = {{0, 0}, {3, 4}, {1.5, 2}, {3, 0}};
        Assignments a = StudentT.assign(x, centres);
        // ties (the midpoint, and (3,0): distances² 9 and 16 → centre 0) go as k-means' nearest centre does
        assertArrayEquals(new int[] {0, 1, 0, 0}, a.clusters());
        // q = (1 + d²)⁻¹ / Σ: row 0 has d² 0 and 25 → 1 / (1 + 1/26)
        assertEquals(26.0 / 27, a.probabilities()[0], 1e-6);
        assertEquals(26.0 / 27, a.probabilities()[1], 1e-6);
        assertEquals(0.5, a.probabilities()[2], 1e-6);
        assertEquals((1 / 10.0) / (1 / 10.0 + 1 / 17.0), a.probabilities()[3], 1e-6);
    }
}
