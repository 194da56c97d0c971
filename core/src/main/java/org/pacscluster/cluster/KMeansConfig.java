package org.pacscluster.cluster;

import org.pacscluster.io.InvalidSettingException;

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
        if (k < 1) throw new InvalidSettingException("k", "must be at least 1, got " + k);
        if (nInit < 1) throw new InvalidSettingException("nInit", "(k-means restarts) must be at least 1, got " + nInit);
        if (maxIter < 1) throw new InvalidSettingException("maxIter", "must be at least 1, got " + maxIter);
        if (!(tol >= 0)) throw new InvalidSettingException("tol", "must be >= 0, got " + tol);
    }

    public static KMeansConfig of(int k, long seed) { return new KMeansConfig(k, 20, 300, 1e-4, seed); }

    public KMeansConfig withK(int n) { return new KMeansConfig(n, nInit, maxIter, tol, seed); }

    public KMeansConfig withSeed(long s) { return new KMeansConfig(k, nInit, maxIter, tol, s); }

    public KMeansConfig withNInit(int n) { return new KMeansConfig(k, n, maxIter, tol, seed); }

    public KMeansConfig withMaxIter(int n) { return new KMeansConfig(k, nInit, n, tol, seed); }

    public KMeansConfig withTol(double t) { return new KMeansConfig(k, nInit, maxIter, t, seed); }
}
