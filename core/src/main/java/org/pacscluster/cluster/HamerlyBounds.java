package org.pacscluster.cluster;

/**
 * Hamerly's bounds (2010) for exact Lloyd iterations: per row an upper bound on the distance to its assigned centre
 * and a lower bound on the distance to every other centre, moved by the centres' shifts after each step. A row whose
 * bounds show that its centre is still the nearest by a clear margin skips the k distance computations.
 *
 * <p>The margin makes the skip safe in floating point, not only in exact arithmetic: the labels must be the ones the
 * full distance step ({@link Samples#nearest}, ‖c‖² − 2 x·c in the data's precision) would pick, so that k-means gives
 * the same labels, centres and iteration counts as without bounds (and as scikit-learn's Lloyd). That step's value for
 * centre q is off by at most err = γ(‖c_q‖² + 2‖x‖‖c_q‖) with γ ≈ d·u (dot-product error bound, u the unit roundoff:
 * 2⁻⁵³ in float64, 2⁻²⁴ in float32); a row is skipped only when the true squared distances differ by more than twice
 * a generous such bound (γ = 4(d + 8)·u, four times the textbook one, also covering ‖x‖²), so the full step would
 * have picked the same centre. Bounds are set from computed values widened by the same error and rounded outwards
 * whenever they are moved; the bounds' own arithmetic is in double.
 */
final class HamerlyBounds {
    private static final double UP = 1 + 0x1p-50, DOWN = 1 - 0x1p-50;

    private final Samples x;
    private final double[] upper, lower;
    private final double gamma, shiftSlack;
    /** Per iteration: centres' max squared norm (for err) and half the distance to each centre's nearest other. */
    private double maxCNorm, maxCLength;
    private double[] halfGap = new double[0];

    HamerlyBounds(Samples x) {
        int n = x.n, d = x.d;
        this.x = x;
        upper = new double[n];
        lower = new double[n];
        java.util.Arrays.fill(upper, Double.POSITIVE_INFINITY);
        gamma = 4 * (d + 8) * x.unitRoundoff();
        shiftSlack = 1 + (d + 8) * 0x1p-50;
    }

    /** Prepares the per-centre quantities of one step's centres (call before {@link #settled}). */
    void centres(Samples.Centres centres) {
        double[][] c = centres.rows;
        int k = c.length;
        maxCNorm = 0;
        for (double v : centres.norms) maxCNorm = Math.max(maxCNorm, v);
        maxCLength = Math.sqrt(maxCNorm) * UP;
        if (halfGap.length != k) halfGap = new double[k];
        java.util.Arrays.fill(halfGap, Double.POSITIVE_INFINITY);
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                double g = Math.sqrt(NearestCentre.squaredDistance(c[a], c[b])) / shiftSlack * DOWN / 2;
                if (g < halfGap[a]) halfGap[a] = g;
                if (g < halfGap[b]) halfGap[b] = g;
            }
        }
    }

    /** Bound on the error of the full step's value ‖c‖² − 2 x·c (and of ‖x‖²) for row i. */
    private double error(int i) {
        double xn = x.norm(i);
        return gamma * (maxCNorm + 2 * Math.sqrt(xn) * maxCLength + xn);
    }

    /**
     * Whether row i provably keeps centre {@code a} (its label): first from the bounds as they are, then after
     * tightening the upper bound with the one distance to {@code a}.
     */
    boolean settled(int i, int a, double[] c, double cNormA) {
        double m = Math.max(lower[i], halfGap[a]), err = error(i), u = upper[i];
        if (u * u + 2 * err < m * m * DOWN) return true;
        if (m == 0) return false;
        double e = cNormA - 2 * x.dot(i, c) + x.norm(i);
        u = Math.sqrt(Math.max(0, e + err)) * UP;
        upper[i] = u;
        return u * u + 2 * err < m * m * DOWN;
    }

    /** After a full scan of row i: best and second-best values of ‖c‖² − 2 x·c. */
    void reset(int i, double best, double second) {
        double err = error(i), xn = x.norm(i);
        upper[i] = Math.sqrt(Math.max(0, best + xn + err)) * UP;
        lower[i] = second == Double.POSITIVE_INFINITY ? second : Math.sqrt(Math.max(0, second + xn - err)) * DOWN;
    }

    /** Moves the bounds by the centres' shifts (squared shift of each centre given) after a step. */
    void moved(double[] squaredShift, int[] labels) {
        int k = squaredShift.length;
        double[] shift = new double[k];
        int far = 0;
        for (int q = 0; q < k; q++) {
            shift[q] = Math.sqrt(squaredShift[q]) * shiftSlack;
            if (shift[q] > shift[far]) far = q;
        }
        double farthest = shift[far], secondFarthest = 0;
        for (int q = 0; q < k; q++) if (q != far) secondFarthest = Math.max(secondFarthest, shift[q]);
        for (int i = 0; i < upper.length; i++) {
            int a = labels[i];
            upper[i] = (upper[i] + shift[a]) * UP;
            double l = lower[i] - (a == far ? secondFarthest : farthest);
            lower[i] = l > 0 ? l * DOWN : 0;
        }
    }
}
