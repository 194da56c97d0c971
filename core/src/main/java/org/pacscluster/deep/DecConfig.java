package org.pacscluster.deep;

import org.pacscluster.io.InvalidSettingException;

/**
 * Settings of the clustering stage after pre-training: k-means on the embedding, then (CDEC, CIDEC) the joint
 * fine-tuning of encoder and centres. Defaults follow the paper and DEC/IDEC/DCEC.
 *
 * @param method          cae (k-means only), cdec or cidec
 * @param k               number of clusters
 * @param kmeansInit      k-means++ restarts on the pre-trained embedding (DEC uses 20)
 * @param klWeight        α, the weight of KL(P‖Q) (0.1, as IDEC/DCEC and the paper)
 * @param updateInterval  recompute the target P over the whole training set every this many batches (140)
 * @param maxEpochs       fine-tuning epochs at most
 * @param labelTolerance  stop when fewer than this share of the labels change between two target updates (0.001)
 * @param lossTolerance   stop when the mean epoch loss changes by less than this share (0.001, the paper's rule)
 */
public record DecConfig(DeepMethod method, int k, int kmeansInit, double klWeight, int updateInterval, int maxEpochs,
                        double labelTolerance, double lossTolerance) {
    public DecConfig {
        if (method == null) throw new IllegalArgumentException("method is required (cae, cdec or cidec)");
        if (k < 2) throw new InvalidSettingException("k", "must be at least 2, got " + k);
        if (kmeansInit < 1) throw new InvalidSettingException("kmeansInit", "must be at least 1, got " + kmeansInit);
        if (!(klWeight > 0) || Double.isInfinite(klWeight)) {
            throw new InvalidSettingException("klWeight", "must be positive, got " + klWeight);
        }
        if (updateInterval < 1) throw new InvalidSettingException("updateInterval", "must be at least 1, got " + updateInterval);
        if (maxEpochs < 0) throw new InvalidSettingException("maxEpochs", "must be >= 0, got " + maxEpochs);
        if (!(labelTolerance >= 0 && labelTolerance < 1)) {
            throw new InvalidSettingException("labelTolerance", "must be in [0, 1), got " + labelTolerance);
        }
        if (!(lossTolerance >= 0 && lossTolerance < 1)) {
            throw new InvalidSettingException("lossTolerance", "must be in [0, 1), got " + lossTolerance);
        }
    }

    /** The paper's settings for a method: K=25, n_init 20, α=0.1, update every 140 batches, ≤ 50 epochs. */
    public static DecConfig paper(DeepMethod method) {
        return new DecConfig(method, 25, 20, 0.1, 140, 50, 0.001, 0.001);
    }

    /** β of L = α·KL + β·MSE: 1 for CIDEC, 0 for CDEC. */
    public double reconstructionWeight() { return method.reconstructionWeight(); }

    public DecConfig withMethod(DeepMethod v) { return new DecConfig(v, k, kmeansInit, klWeight, updateInterval, maxEpochs, labelTolerance, lossTolerance); }
    public DecConfig withK(int v) { return new DecConfig(method, v, kmeansInit, klWeight, updateInterval, maxEpochs, labelTolerance, lossTolerance); }
    public DecConfig withKmeansInit(int v) { return new DecConfig(method, k, v, klWeight, updateInterval, maxEpochs, labelTolerance, lossTolerance); }
    public DecConfig withUpdateInterval(int v) { return new DecConfig(method, k, kmeansInit, klWeight, v, maxEpochs, labelTolerance, lossTolerance); }
    public DecConfig withMaxEpochs(int v) { return new DecConfig(method, k, kmeansInit, klWeight, updateInterval, v, labelTolerance, lossTolerance); }
    public DecConfig withLabelTolerance(double v) { return new DecConfig(method, k, kmeansInit, klWeight, updateInterval, maxEpochs, v, lossTolerance); }
    public DecConfig withLossTolerance(double v) { return new DecConfig(method, k, kmeansInit, klWeight, updateInterval, maxEpochs, labelTolerance, v); }
}
