package org.pacscluster.tsne;

/**
 * A t-SNE map.
 *
 * @param xy            n × 2 positions, in input order
 * @param klDivergence  KL(P‖Q) of the final map (scikit-learn's {@code kl_divergence_}, same approximation)
 * @param iterations    gradient-descent iterations run
 * @param inputDimensions features per point after the optional PCA step
 * @param seconds       wall time of the whole computation
 */
public record TsneResult(double[][] xy, double klDivergence, int iterations, int inputDimensions, double seconds) {}
