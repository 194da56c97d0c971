package org.pacscluster.deep;

import java.util.List;
import org.pacscluster.dataset.Dataset;

/**
 * One training batch: its dataset rows, their pixels as stored ({@code original}, the reconstruction target) and
 * what the network is fed ({@code input}: an augmented copy, or the very same array when augmentation is off, so
 * that the un-augmented path computes exactly what it always did).
 */
record TrainingBatch(int[] rows, float[] original, float[] input) {
    /**
     * Whether batches are prepared on a background thread ({@link BatchPrefetcher}); on unless the system property
     * {@code pacscluster.prefetch} is "false". The batches are the same either way; the switch exists to measure.
     */
    static boolean prefetch() {
        return !"false".equalsIgnoreCase(System.getProperty("pacscluster.prefetch", "true"));
    }

    int size() { return rows.length; }

    boolean augmented() { return input != original; }

    /**
     * The batches of one epoch ({@code batches}: the rows of each, in training order), their pixels gathered and,
     * when {@code augmenter} is on, transformed with the seed {@link ImageAugmenter#batchSeed}(seed, epoch, index) —
     * one batch ahead of the caller, on a background thread. Close it when the epoch ends.
     */
    static BatchPrefetcher<TrainingBatch> epoch(Dataset data, List<int[]> batches, ImageAugmenter augmenter, long seed,
                                                int epoch) {
        boolean augment = augmenter.config().enabled();
        return new BatchPrefetcher<>(batches.size(), b -> {
            int[] rows = batches.get(b);
            float[] pixels = data.images(rows);
            float[] input = augment ? augmenter.augment(pixels, rows.length, ImageAugmenter.batchSeed(seed, epoch, b))
                    : pixels;
            return new TrainingBatch(rows, pixels, input);
        }, prefetch());
    }
}
