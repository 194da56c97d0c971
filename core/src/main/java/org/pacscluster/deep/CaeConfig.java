package org.pacscluster.deep;

import org.pacscluster.io.InvalidSettingException;

import java.util.Arrays;
import java.util.Locale;

/**
 * Every setting of the convolutional autoencoder and its pre-training, validated when built. The defaults are the
 * paper's (256² input, 32-32-64-64-64 filters, 100-d embedding, Adam lr 0.001, batch 50); tests shrink them.
 *
 * @param inputSize          S: images are S×S; must be divisible by 2^(number of conv blocks)
 * @param filters            output channels of the encoder's conv blocks; the decoder mirrors them. Each must be
 *                           ≥ 16: libtorch 2.7.1's oneDNN computes wrong input gradients for 3×3 convolutions with
 *                           fewer output channels (see docs/deep.md), and every decoder conv feeds a gradient back
 * @param latent             size of the embedding (the dense layer between encoder and decoder)
 * @param learningRate       Adam step size
 * @param batchSize          images per training step
 * @param epochs             pre-training epochs at most
 * @param patience           stop pre-training after this many epochs without a better validation loss (0 = never)
 * @param validationFraction share of the training rows held out for early stopping (0 = no validation subset)
 * @param seed               seeds the weights, the validation draw and every epoch's batch order
 * @param threads            CPU threads for the engine (0 = the engine's default)
 * @param device             "auto" (a GPU if the engine sees one, else the CPU), "cpu", "gpu" or "gpu:N"
 */
public record CaeConfig(int inputSize, int[] filters, int latent, double learningRate, int batchSize, int epochs,
                        int patience, double validationFraction, long seed, int threads, String device) {
    /** Fewest output channels a convolution may have when its input needs a gradient (the oneDNN bug). */
    public static final int MIN_FILTERS = 16;

    public CaeConfig {
        filters = filters == null ? null : filters.clone();
        if (filters == null || filters.length == 0) throw new InvalidSettingException("filters", "must not be empty");
        for (int f : filters) {
            if (f < MIN_FILTERS) {
                throw new InvalidSettingException("filters", "must each be at least " + MIN_FILTERS + " (got " + f
                        + "): the CPU engine computes wrong gradients for fewer");
            }
        }
        int factor = 1 << filters.length;
        if (inputSize < factor || inputSize % factor != 0) {
            throw new InvalidSettingException("inputSize", inputSize + " must be a positive multiple of "
                    + factor + " (2^" + filters.length + " for " + filters.length + " pooling blocks)");
        }
        if (latent < 1) throw new InvalidSettingException("latent", "must be at least 1, got " + latent);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new InvalidSettingException("learningRate", "must be positive, got " + learningRate);
        }
        if (batchSize < 1) throw new InvalidSettingException("batchSize", "must be at least 1, got " + batchSize);
        // 0 epochs would save random weights as if they were a trained model
        if (epochs < 1) throw new InvalidSettingException("epochs", "must be at least 1, got " + epochs);
        if (patience < 0) throw new InvalidSettingException("patience", "must be >= 0, got " + patience);
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new InvalidSettingException("validationFraction", "must be in [0, 1), got " + validationFraction);
        }
        if (threads < 0) throw new InvalidSettingException("threads", "must be >= 0, got " + threads);
        device = device == null ? "auto" : device.trim().toLowerCase(Locale.ROOT);
        if (!device.matches("auto|cpu|gpu|gpu:\\d+")) {
            throw new InvalidSettingException("device", "must be auto, cpu, gpu or gpu:N, got '" + device + "'");
        }
    }

    /** The paper's settings: 256², 32-32-64-64-64, latent 100, lr 0.001, batch 50; 50 epochs, patience 5. */
    public static CaeConfig paper() {
        return new CaeConfig(256, new int[] {32, 32, 64, 64, 64}, 100, 1e-3, 50, 50, 5, 0.1, 0, 0, "auto");
    }

    @Override
    public int[] filters() { return filters.clone(); }

    /** Side of the feature maps entering the dense layer. */
    public int bottleneckSize() { return inputSize >> filters.length; }

    /** Length of the flattened encoder output. */
    public int flatSize() { return filters[filters.length - 1] * bottleneckSize() * bottleneckSize(); }

    public CaeConfig withInputSize(int v) { return new CaeConfig(v, filters, latent, learningRate, batchSize, epochs, patience, validationFraction, seed, threads, device); }
    public CaeConfig withFilters(int... v) { return new CaeConfig(inputSize, v, latent, learningRate, batchSize, epochs, patience, validationFraction, seed, threads, device); }
    public CaeConfig withLatent(int v) { return new CaeConfig(inputSize, filters, v, learningRate, batchSize, epochs, patience, validationFraction, seed, threads, device); }
    public CaeConfig withLearningRate(double v) { return new CaeConfig(inputSize, filters, latent, v, batchSize, epochs, patience, validationFraction, seed, threads, device); }
    public CaeConfig withBatchSize(int v) { return new CaeConfig(inputSize, filters, latent, learningRate, v, epochs, patience, validationFraction, seed, threads, device); }
    public CaeConfig withEpochs(int v) { return new CaeConfig(inputSize, filters, latent, learningRate, batchSize, v, patience, validationFraction, seed, threads, device); }
    public CaeConfig withPatience(int v) { return new CaeConfig(inputSize, filters, latent, learningRate, batchSize, epochs, v, validationFraction, seed, threads, device); }
    public CaeConfig withValidationFraction(double v) { return new CaeConfig(inputSize, filters, latent, learningRate, batchSize, epochs, patience, v, seed, threads, device); }
    public CaeConfig withSeed(long v) { return new CaeConfig(inputSize, filters, latent, learningRate, batchSize, epochs, patience, validationFraction, v, threads, device); }
    public CaeConfig withThreads(int v) { return new CaeConfig(inputSize, filters, latent, learningRate, batchSize, epochs, patience, validationFraction, seed, v, device); }
    public CaeConfig withDevice(String v) { return new CaeConfig(inputSize, filters, latent, learningRate, batchSize, epochs, patience, validationFraction, seed, threads, v); }

    /**
     * What a checkpoint must agree on to be resumed: everything except the epoch budget, patience, threads and
     * device, which may change between an interrupted run and its continuation.
     */
    public String resumeKey() {
        return String.format(Locale.ROOT, "S=%d filters=%s latent=%d lr=%s batch=%d val=%s seed=%d", inputSize,
                Arrays.toString(filters), latent, learningRate, batchSize, validationFraction, seed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CaeConfig c && inputSize == c.inputSize && Arrays.equals(filters, c.filters)
                && latent == c.latent && learningRate == c.learningRate && batchSize == c.batchSize
                && epochs == c.epochs && patience == c.patience && validationFraction == c.validationFraction
                && seed == c.seed && threads == c.threads && device.equals(c.device);
    }

    @Override
    public int hashCode() { return resumeKey().hashCode() * 31 + epochs; }

    @Override
    public String toString() {
        return "CaeConfig[" + resumeKey() + " epochs=" + epochs + " patience=" + patience + " threads=" + threads
                + " device=" + device + "]";
    }
}
