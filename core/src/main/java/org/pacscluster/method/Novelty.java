package org.pacscluster.method;

import java.util.Arrays;
import org.pacscluster.io.InvalidSettingException;

/**
 * How far a model's training images lie from the centres of their clusters, so that an image that fits no cluster
 * can be told apart: a model applied to an archive meets modalities and body parts it never saw, and without this
 * every such image would get the nearest cluster and its majority tags. An image is <em>novel</em> when its
 * distance to its cluster's centre (Euclidean, in the model's embedding) exceeds the chosen quantile of the
 * training images' distances.
 *
 * <p>The card keeps the upper tail of the training distribution (quantiles {@value #FIRST_LEVEL} to 1 in steps of
 * 0.001, interpolated as numpy's default), so the quantile is chosen when the model is applied, not when it is
 * trained.
 *
 * @param rows      training images the distances were measured on
 * @param quantiles the distances at quantile levels {@value #FIRST_LEVEL}, 0.901, ..., 1.000 (101 values)
 */
public record Novelty(int rows, double[] quantiles) {
    /** The lowest quantile level kept. */
    public static final double FIRST_LEVEL = 0.9;
    /** The level {@code predict} and {@code audit} use unless told otherwise. */
    public static final double DEFAULT_LEVEL = 0.99;
    private static final int STEPS = 100;

    public Novelty {
        if (quantiles.length != STEPS + 1) {
            throw new IllegalArgumentException("novelty quantiles must have " + (STEPS + 1) + " values, got " + quantiles.length);
        }
        quantiles = quantiles.clone();
    }

    /** The calibration of a model whose training rows have embedding {@code x} and fell into {@code clusters}. */
    public static Novelty calibrate(double[][] x, int[] clusters, double[][] centres) {
        return ofDistances(distances(x, clusters, centres));
    }

    /**
     * The calibration from the training rows' distances to their centres ({@link #distances}) alone, for a fit
     * that computed them elsewhere (a Spark job collects 8 bytes per row, not the embedding).
     */
    public static Novelty ofDistances(double[] distances) {
        if (distances.length == 0) throw new IllegalArgumentException("novelty needs at least one training distance");
        double[] d = distances.clone();
        Arrays.sort(d);
        double[] q = new double[STEPS + 1];
        for (int s = 0; s <= STEPS; s++) q[s] = quantile(d, FIRST_LEVEL + s * (1 - FIRST_LEVEL) / STEPS);
        return new Novelty(d.length, q);
    }

    /** Each row's Euclidean distance to the centre of its cluster. */
    public static double[] distances(double[][] x, int[] clusters, double[][] centres) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] c = centres[clusters[i]];
            double s = 0;
            for (int j = 0; j < c.length; j++) { double t = x[i][j] - c[j]; s += t * t; }
            out[i] = Math.sqrt(s);
        }
        return out;
    }

    /** The distance beyond which an image counts as novel at quantile {@code level} (in [0.9, 1]). */
    public double threshold(double level) {
        requireLevel(level);
        double pos = (level - FIRST_LEVEL) / (1 - FIRST_LEVEL) * STEPS;
        int lo = (int) Math.floor(pos);
        if (lo >= STEPS) return quantiles[STEPS];
        return quantiles[lo] + (pos - lo) * (quantiles[lo + 1] - quantiles[lo]);
    }

    /** Checks a quantile level a user chose. */
    public static void requireLevel(double level) {
        if (!(level >= FIRST_LEVEL && level <= 1)) {
            throw new InvalidSettingException("novelty-quantile", "must be between " + FIRST_LEVEL + " and 1, got " + level);
        }
    }

    /** numpy.quantile's default (linear) of sorted values. */
    static double quantile(double[] sorted, double level) {
        double pos = level * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        if (lo >= sorted.length - 1) return sorted[sorted.length - 1];
        return sorted[lo] + (pos - lo) * (sorted[lo + 1] - sorted[lo]);
    }
}
