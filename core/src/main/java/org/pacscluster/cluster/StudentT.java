package org.pacscluster.cluster;

import java.util.stream.IntStream;

/**
 * DEC's soft assignment with a Student-t kernel (α = 1), q_ij ∝ (1 + ‖x_i − μ_j‖²)⁻¹, for centres found by
 * k-means: the same confidence the deep methods report (there computed by the engine), so that every method's
 * probability means the same thing. The nearest centre has the largest q.
 */
public final class StudentT {
    private StudentT() {}

    /** The assignment of each row: its nearest centre (first on ties, as k-means) and that centre's q. */
    public static Assignments assign(double[][] x, double[][] centres) {
        int[] nearest = KMeans.assignAll(new DoubleSamples(x), centres);
        float[] q = new float[x.length];
        IntStream.range(0, x.length).parallel().forEach(i -> {
            double sum = 0, mine = 0;
            for (int j = 0; j < centres.length; j++) {
                double kernel = 1 / (1 + NearestCentre.squaredDistance(x[i], centres[j]));
                sum += kernel;
                if (j == nearest[i]) mine = kernel;
            }
            q[i] = (float) (mine / sum);
        });
        return new Assignments(nearest, q);
    }
}
