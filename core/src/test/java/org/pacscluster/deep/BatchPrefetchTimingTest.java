package org.pacscluster.deep;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.Split;
import org.pacscluster.progress.Progress;

/**
 * Outside CI (tag "slow"): what preparing batches on a background thread saves. Times, on real MedNIST images at
 * DEEP_SIZE² (64) with the paper's CAE, (1) preparing one batch alone — gathering its pixels, and gathering plus the
 * radiology augmentation — which is the most the prefetcher can hide, and (2) pre-training epochs with and without
 * augmentation, with the prefetcher on and off. Prints one line per case and appends them to
 * target/deep-reproduction.txt.
 * <pre>
 * DEEP_THREADS=1 DEEP_EPOCHS=2 mvn -B test -Pslow -Dtest=BatchPrefetchTimingTest
 * </pre>
 */
@Tag("slow")
class BatchPrefetchTimingTest {
    @Test
    void stepTimeWithAndWithoutPrefetch() throws Exception {
        int size = DeepReproductionTest.intSetting("size", 64), epochs = DeepReproductionTest.intSetting("epochs", 2);
        int threads = DeepReproductionTest.intSetting("threads", 1);
        Dataset data = MedNistFixture.subset(Path.of("target", "mednist" + size + "-60"), 60, size);
        int[] train = data.rows(Split.TRAIN);
        CaeConfig cfg = CaeConfig.paper().withInputSize(size).withEpochs(epochs).withPatience(0).withValidationFraction(0)
                .withThreads(threads).withDevice("auto");
        List<int[]> batches = Dataset.shuffledBatches(train, cfg.batchSize(), 1);
        for (AugmentConfig a : new AugmentConfig[] {AugmentConfig.none(), AugmentConfig.radiology()}) {
            ImageAugmenter aug = new ImageAugmenter(a, size);
            long t0 = System.nanoTime();
            int reps = 20;
            for (int r = 0; r < reps; r++) {
                try (BatchPrefetcher<TrainingBatch> it = TrainingBatch.epoch(data, batches, aug, r, 0)) {
                    while (it.hasNext()) it.next();
                }
            }
            DeepReproductionTest.report(String.format(Locale.ROOT, "batch preparation %d² batch %d, augmentation %s: %.2f ms"
                    + " per batch", size, cfg.batchSize(), a.describe(), (System.nanoTime() - t0) / 1e6 / (reps * batches.size())));
        }
        for (AugmentConfig a : new AugmentConfig[] {AugmentConfig.none(), AugmentConfig.radiology()}) {
            for (boolean prefetch : new boolean[] {false, true, false, true}) { // twice each, interleaved against drift
                System.setProperty("pacscluster.prefetch", Boolean.toString(prefetch));
                try (CaeNetwork net = CaeNetwork.initialise(cfg, DeepRuntime.device(cfg.device(), threads))) {
                    CaeTrainer.Result r = new CaeTrainer(net, a).train(data, train, null, Progress.NONE);
                    double seconds = r.history().stream().mapToDouble(CaeTrainer.EpochStats::seconds).sum();
                    long steps = (long) epochs * ((train.length + cfg.batchSize() - 1) / cfg.batchSize());
                    DeepReproductionTest.report(String.format(Locale.ROOT, "pre-training %d² paper CAE, %d images, %d epochs,"
                            + " %d thread(s), augmentation %s, prefetch %s: %.1f ms per step (losses %s)", size, train.length,
                            epochs, threads, a.describe(), prefetch ? "on" : "off", seconds * 1000 / steps,
                            r.history().stream().map(e -> String.format(Locale.ROOT, "%.6f", e.trainLoss())).toList()));
                } finally {
                    System.clearProperty("pacscluster.prefetch");
                }
            }
        }
    }
}
