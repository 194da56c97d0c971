package org.pacscluster.embed;

/**
 * Settings of the PCA embedder.
 *
 * @param components      number of principal components kept (the paper: 20, keeping ≥ 80% of the variance)
 * @param solver          how the leading components are found
 * @param oversamples     extra random directions of the randomized method (scikit-learn: 10)
 * @param powerIterations power iterations of the randomized method (scikit-learn's PCA: 7 when few components)
 * @param seed            seed of the randomized method's Gaussian test matrix
 */
public record PcaConfig(int components, Solver solver, int oversamples, int powerIterations, long seed) {
    /** Solver choice. */
    public enum Solver {
        /**
         * EXACT when the smaller side of the N×D matrix is at most 500 and it fits in memory, else RANDOMIZED —
         * close to scikit-learn's own 'auto' rule.
         */
        AUTO,
        /** Eigen-decomposition of the smaller of the N×N Gram matrix and the D×D covariance (exact). */
        EXACT,
        /** Halko–Martinsson–Tropp randomized SVD with power iterations, streaming the rows once per pass. */
        RANDOMIZED;

        public static Solver parse(String s) {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }

    public PcaConfig {
        if (components < 1) throw new IllegalArgumentException("PCA components must be at least 1, got " + components);
        if (solver == null) throw new IllegalArgumentException("PCA solver is required");
        if (oversamples < 0) throw new IllegalArgumentException("PCA oversamples must be >= 0, got " + oversamples);
        if (powerIterations < 0) throw new IllegalArgumentException("PCA power iterations must be >= 0, got " + powerIterations);
    }

    public static PcaConfig defaults() { return new PcaConfig(20, Solver.AUTO, 10, 7, 0); }

    public PcaConfig withComponents(int k) { return new PcaConfig(k, solver, oversamples, powerIterations, seed); }

    public PcaConfig withSolver(Solver s) { return new PcaConfig(components, s, oversamples, powerIterations, seed); }

    public PcaConfig withSeed(long s) { return new PcaConfig(components, solver, oversamples, powerIterations, s); }
}
