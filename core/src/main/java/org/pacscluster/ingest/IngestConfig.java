package org.pacscluster.ingest;

import org.pacscluster.io.InvalidSettingException;

/**
 * Settings of one ingest, validated on construction.
 *
 * @param imageSize    S: images become S×S (SPEC default 256)
 * @param bitsPerPixel 8 or 16 bits per stored pixel
 * @param testFraction share of images in the test split, in [0,1)
 * @param seed         seed of the train/test shuffle
 * @param threads      images decoded and preprocessed in parallel
 */
public record IngestConfig(int imageSize, int bitsPerPixel, double testFraction, long seed, int threads) {
    public IngestConfig {
        if (imageSize < 8 || imageSize > 4096) throw new InvalidSettingException("imageSize", "must be in 8..4096, got " + imageSize);
        if (bitsPerPixel != 8 && bitsPerPixel != 16) throw new InvalidSettingException("bitsPerPixel", "must be 8 or 16, got " + bitsPerPixel);
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new InvalidSettingException("testFraction", "must be in [0,1), got " + testFraction);
        }
        if (threads < 1) throw new InvalidSettingException("threads", "must be at least 1, got " + threads);
    }


    public IngestConfig withImageSize(int s) { return new IngestConfig(s, bitsPerPixel, testFraction, seed, threads); }

    public IngestConfig withThreads(int t) { return new IngestConfig(imageSize, bitsPerPixel, testFraction, seed, t); }
}
