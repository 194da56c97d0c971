package org.pacscluster.cluster;

/**
 * A fitted k-means: centres (k × d), the training labels, the inertia (sum of squared distances to the nearest
 * centre) and how many Lloyd iterations the winning restart took.
 */
public record KMeansResult(double[][] centres, int[] labels, double inertia, int iterations) {
    /** Index of the nearest centre (Euclidean) for each row of {@code x}. */
    public int[] predict(double[][] x) {
        int[] out = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < centres.length; c++) {
                double d = 0;
                double[] cc = centres[c], xi = x[i];
                for (int j = 0; j < xi.length; j++) { double t = xi[j] - cc[j]; d += t * t; }
                if (d < best) { best = d; out[i] = c; }
            }
        }
        return out;
    }
}
