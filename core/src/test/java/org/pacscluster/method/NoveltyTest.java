package org.pacscluster.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.pacscluster.io.InvalidSettingException;

/** One test per step of the novelty rule: distances, the calibration's quantiles, the threshold at a level. */
class NoveltyTest {
    @Test
    void distancesAreEuclideanToTheOwnCentre() {
        double[][] x = {{3, 4}, {1, 1}, {0, 0}};
        double[][] centres = {{0, 0}, {1, 2}};
        assertArrayEquals(new double[] {5, 1, Math.sqrt(5)}, Novelty.distances(x, new int[] {0, 1, 1}, centres), 1e-15);
    }

    @Test
    void quantilesInterpolateAsNumpy() {
        // distances 0, 1, ..., 999 (shuffled, one cluster at the origin): numpy.quantile(d, q) = q × 999 exactly
        int n = 1000;
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) x[i] = new double[] {(i * 7919) % n};
        Novelty nov = Novelty.calibrate(x, new int[n], new double[][] {{0}});
        assertEquals(n, nov.rows());
        assertEquals(0.90 * 999, nov.threshold(0.90), 1e-9);
        assertEquals(0.99 * 999, nov.threshold(0.99), 1e-9);
        assertEquals(0.995 * 999, nov.threshold(0.995), 1e-9);
        assertEquals(0.9873 * 999, nov.threshold(0.9873), 1e-9, "between stored levels: linear, as the tail is linear");
        assertEquals(999, nov.threshold(1.0), 0);
    }

    @Test
    void levelsOutsideTheKeptTailAreRefused() {
        Novelty nov = Novelty.calibrate(new double[][] {{0}, {1}}, new int[2], new double[][] {{0}});
        assertThrows(InvalidSettingException.class, () -> nov.threshold(0.5));
        assertThrows(InvalidSettingException.class, () -> nov.threshold(1.01));
        assertThrows(InvalidSettingException.class, () -> nov.threshold(Double.NaN));
    }
}
