package org.pacscluster.cluster;

/**
 * Settings of k-means, validated when built. Defaults follow scikit-learn's KMeans (Lloyd, k-means++ seeding)
 * except {@code nInit}, which defaults to 20 as DEC uses on autoencoder embeddings.
 *
 * @param k       number of clusters
 * @param nInit   independent k-means++ restarts; the lowest inertia wins
 * @param maxIter Lloyd iterations per restart at most
 * @param tol     stop when the centres move less than tol × mean feature variance (scikit-learn's rule); 0 = only
 *                stop when no label changes
 * @param seed    seed of the k-means++ draws; the same seed gives the same result
 */
public record KMeansConfig(int k, int nInit, int maxIter, double tol, long seed) {
    public KMeansConfig {
        if (k < 1) throw new IllegalArgumentException("k must be at least 1, got " + k);
        if (nInit < 1) throw new IllegalArgumentException("n_init must be at least 1, got " + nInit);
        if (maxIter < 1) throw new IllegalArgumentException("max_iter must be at least 1, got " + maxIter);
        if (!(tol >= 0)) throw new IllegalArgumentException("tol must be >= 0, got " + tol);
    }

    public static KMeansConfig of(int k, long seed) { return new KMeansConfig(k, 20, 300, 1e-4, seed); }

    public KMeansConfig withNInit(int n) { return new KMeansConfig(k, n, maxIter, tol, seed); }

    public KMeansConfig withMaxIter(int n) { return new KMeansConfig(k, nInit, n, tol, seed); }

    public KMeansConfig withTol(double t) { return new KMeansConfig(k, nInit, maxIter, t, seed); }
}
