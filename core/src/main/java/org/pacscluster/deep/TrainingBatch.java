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
     * Whether batches are prepared on a background thread ({@link BatchPrefetcher}); off unless the system property
     * {@code pacscluster.prefetch} is "true". The batches are the same either way. Off by default on the CPU engine:
     * the extra thread may compete with libtorch's spinning OpenMP threads, and the idle bench showed no gain, only
     * noisy losses (docs/deep.md); off is the code path the benchmarks were made with. Where a step is fast and
     * augmentation is not (a GPU), turning it on hides the augmentation.
     */
    static boolean prefetch() {
        return "true".equalsIgnoreCase(System.getProperty("pacscluster.prefetch", "false"));
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
