package org.pacscluster.cluster;

/**
 * A fitted k-means: centres (k × d), the training labels, the inertia (sum of squared distances to the nearest
 * centre) and how many Lloyd iterations the winning restart took.
 */
public record KMeansResult(double[][] centres, int[] labels, double inertia, int iterations) {
    /** Index of the nearest centre (Euclidean; the first one on ties) for each row of {@code x}. */
    public int[] predict(double[][] x) {
        if (x.length == 0) return new int[0];
        for (double[] row : x) {
            if (row.length != centres[0].length) {
                throw new IllegalArgumentException("rows have " + row.length + " features, the centres " + centres[0].length);
            }
        }
        return KMeans.assignAll(new DoubleSamples(x), centres);
    }

    /** As {@link #predict(double[][])} for float32 rows, with float32 distances (as the float32 fit). */
    public int[] predict(float[][] x) {
        if (x.length == 0) return new int[0];
        for (float[] row : x) {
            if (row.length != centres[0].length) {
                throw new IllegalArgumentException("rows have " + row.length + " features, the centres " + centres[0].length);
            }
        }
        return KMeans.assignAll(new FloatSamples(x), centres);
    }
}
