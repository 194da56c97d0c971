package org.pacscluster.tsne;

/**
 * Settings of Barnes-Hut t-SNE, validated when built. The defaults are scikit-learn's (≥ 1.2) TSNE defaults, plus
 * the common practice of reducing the input to 50 principal components first.
 *
 * @param perplexity             effective number of neighbours of each point (scikit-learn: 30); the sparse input
 *                               affinities use the ⌊3·perplexity + 1⌋ nearest neighbours
 * @param theta                  Barnes-Hut accuracy: a quadtree cell of width w at distance r is summarised when
 *                               w / r &lt; theta (scikit-learn's {@code angle}: 0.5); 0 means exact repulsion
 * @param iterations             gradient-descent iterations in all (scikit-learn: 1000)
 * @param exaggerationIterations the first iterations, run with exaggerated affinities and momentum 0.5 (250)
 * @param earlyExaggeration      factor on the input affinities in those first iterations (12)
 * @param learningRate           step size; {@link Double#NaN} = "auto" = max(n / earlyExaggeration / 4, 50)
 * @param pcaDimensions          inputs with more features than this are first projected on this many principal
 *                               components (randomised PCA); 0 = never
 * @param pcaInit                start from the first two principal components scaled to a standard deviation of
 *                               1e-4 (scikit-learn's init='pca'); false = Gaussian noise of that size
 * @param seed                   seed of everything random (PCA sketch, vantage points, random init): the same seed
 *                               and input give the same map, whatever the number of threads
 */
public record TsneConfig(double perplexity, double theta, int iterations, int exaggerationIterations,
                         double earlyExaggeration, double learningRate, int pcaDimensions, boolean pcaInit,
                         long seed) {
    public TsneConfig {
        if (!(perplexity >= 1)) throw new IllegalArgumentException("t-SNE perplexity must be >= 1, got " + perplexity);
        if (!(theta >= 0 && theta <= 1.5)) throw new IllegalArgumentException("t-SNE theta must be in [0, 1.5], got " + theta);
        if (iterations < 1) throw new IllegalArgumentException("t-SNE iterations must be >= 1, got " + iterations);
        if (exaggerationIterations < 0 || exaggerationIterations > iterations) {
            throw new IllegalArgumentException("t-SNE exaggeration iterations must be in [0, " + iterations + "], got "
                    + exaggerationIterations);
        }
        if (!(earlyExaggeration >= 1)) {
            throw new IllegalArgumentException("t-SNE early exaggeration must be >= 1, got " + earlyExaggeration);
        }
        if (!Double.isNaN(learningRate) && !(learningRate > 0)) {
            throw new IllegalArgumentException("t-SNE learning rate must be > 0 (or NaN for auto), got " + learningRate);
        }
        if (pcaDimensions < 0) throw new IllegalArgumentException("t-SNE PCA dimensions must be >= 0, got " + pcaDimensions);
    }

    /** scikit-learn's defaults, PCA to 50 dimensions first, seed 0. */
    public static TsneConfig defaults() { return builder().build(); }

    public static Builder builder() { return new Builder(); }

    /** The learning rate used for {@code n} points (resolves "auto"). */
    public double learningRateFor(int n) {
        return Double.isNaN(learningRate) ? Math.max(n / earlyExaggeration / 4, 50) : learningRate;
    }

    /** Builds a {@link TsneConfig}; every setting is optional. */
    public static final class Builder {
        private double perplexity = 30, theta = 0.5, earlyExaggeration = 12, learningRate = Double.NaN;
        private int iterations = 1000, exaggerationIterations = 250, pcaDimensions = 50;
        private boolean pcaInit = true;
        private long seed;

        private Builder() {}

        public Builder optPerplexity(double v) { perplexity = v; return this; }
        public Builder optTheta(double v) { theta = v; return this; }
        public Builder optIterations(int v) { iterations = v; return this; }
        public Builder optExaggerationIterations(int v) { exaggerationIterations = v; return this; }
        public Builder optEarlyExaggeration(double v) { earlyExaggeration = v; return this; }
        public Builder optLearningRate(double v) { learningRate = v; return this; }
        public Builder optPcaDimensions(int v) { pcaDimensions = v; return this; }
        public Builder optPcaInit(boolean v) { pcaInit = v; return this; }
        public Builder optSeed(long v) { seed = v; return this; }

        public TsneConfig build() {
            return new TsneConfig(perplexity, theta, iterations, exaggerationIterations, earlyExaggeration,
                    learningRate, pcaDimensions, pcaInit, seed);
        }
    }
}
