package org.pacscluster.metrics;

/**
 * ln Γ(x) for x > 0: the log of the exact product for small integers, Stirling's series (to the x⁻⁷ term) for
 * x ≥ 15, and recurrence below that. Accurate to a few ulps of the result, which keeps the expected mutual
 * information (a sum of exp of differences of these) within 1e-12 of scikit-learn's.
 */
final class LogGamma {
    private LogGamma() {}

    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    static double of(double x) {
        if (!(x > 0)) throw new IllegalArgumentException("log-gamma needs x > 0, got " + x);
        if (x == Math.rint(x) && x <= 20) {
            double f = 1;
            for (int k = 2; k < x; k++) f *= k;
            return Math.log(f);
        }
        if (x < 15) {
            // Γ(x) = Γ(x + m) / (x (x+1) ... (x+m-1))
            double prod = 1, y = x;
            while (y < 15) { prod *= y; y += 1; }
            return stirling(y) - Math.log(prod);
        }
        return stirling(x);
    }

    private static double stirling(double x) {
        double inv = 1 / x, inv2 = inv * inv;
        double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 / 1680)));
        return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series;
    }
}
