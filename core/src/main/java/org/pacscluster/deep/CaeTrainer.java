package org.pacscluster.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.io.Shuffle;
import org.pacscluster.progress.Progress;

/**
 * Pre-trains the autoencoder on reconstruction MSE with Adam, streaming batches from the dataset's pixel cache.
 * A seeded share of the training rows is held out; training stops at the epoch budget or when the validation loss
 * has not improved for {@code patience} epochs, and ends with the best weights. After every epoch the full state
 * goes to a checkpoint file, from which an interrupted run continues exactly where it stopped. The epochs run in
 * {@link TrainingLoop}; this class supplies the epoch's work and the hooks.
 *
 * <p>With an {@link AugmentConfig} that is on (DEC-DA), the network is fed a randomly transformed copy of each
 * training image and learns to reconstruct the original; the validation loss, the output's starting mean and
 * everything after pre-training use the images as stored. Batches are gathered (and augmented) one ahead on a
 * background thread ({@link TrainingBatch}).
 */
public final class CaeTrainer {
    /** One finished epoch: mean training MSE, validation MSE (NaN without validation), wall time. */
    public record EpochStats(int epoch, double trainLoss, double validationLoss, double seconds) {}

    /**
     * How pre-training went; {@code stopReason} is {@link StopReason#MAX_EPOCHS} or
     * {@link StopReason#EARLY_STOPPING} (written as its label, as model.json has always had it); {@code warning} is
     * null, or says that the loss went flat (a collapsed network, see {@link #flatLossWarning}).
     */
    public record Result(List<EpochStats> history, double bestValidationLoss, StopReason stopReason, int trainRows,
                         int validationRows, String warning) {}

    /**
     * Where a pre-training run stands after a finished epoch (the header of its checkpoint).
     *
     * @param resumeKey      settings + data of the run; a different one is refused on resume
     * @param epochsDone     epochs finished
     * @param adamSteps      optimiser updates so far (Adam's bias correction depends on it)
     * @param bestValidation best validation MSE so far (NaN without a validation subset)
     * @param badEpochs      epochs since the best validation loss
     * @param history        one entry per finished epoch
     */
    record State(String resumeKey, int epochsDone, long adamSteps, double bestValidation, int badEpochs,
                 List<EpochStats> history) implements Checkpoint.Header {}

    /** Epoch losses this close (relative) to each other count as not moving. */
    static final double FLAT_TOLERANCE = 1e-5;
    /** Consecutive flat epoch-to-epoch changes before the run is reported as collapsed. */
    static final int FLAT_EPOCHS = 2;
    /** Training rows sampled (evenly spaced) for the mean pixel that the output starts at. */
    static final int MEAN_SAMPLE = 10_000;

    private final CaeNetwork net;
    private final CaeConfig cfg;
    private final ImageAugmenter augmenter;

    /** Pre-trains without augmentation (the paper's protocol). */
    public CaeTrainer(CaeNetwork net) {
        this(net, AugmentConfig.none());
    }

    /** Pre-trains on copies of the images transformed as {@code augment} says ({@link AugmentConfig#none()}: as stored). */
    public CaeTrainer(CaeNetwork net, AugmentConfig augment) {
        this.net = net;
        this.cfg = net.config();
        this.augmenter = new ImageAugmenter(augment, cfg.inputSize());
    }

    /**
     * Trains on {@code rows} of {@code data}. With a {@code checkpoint} file that exists, continues from it (it must
     * come from the same settings); after each epoch the file is rewritten. {@code checkpoint} may be null.
     */
    public Result train(Dataset data, int[] rows, Path checkpoint, Progress progress) throws IOException {
        data.requireImageSize(cfg.inputSize());
        int[][] split = splitValidation(rows, cfg.validationFraction(), cfg.seed());
        if (split[0].length == 0) throw new IllegalArgumentException("no training rows");
        net.outputConvPadded(); // decided before any step records gradients (see CaeNetwork)
        try (Run run = new Run(data, split[0], split[1], resumeKey(data, rows), checkpoint, progress)) {
            StopReason stop = new TrainingLoop(cfg.epochs(), StoppingRule.patience(cfg.patience(), () -> run.badEpochs),
                    TrainingLoop.DivergenceCheck.finiteLoss("training"), run, run).run(run::epoch);
            return run.result(stop);
        }
    }

    /** One pre-training run: its state, the work of an epoch, and the loop's checkpoint and bookkeeping hooks. */
    private final class Run implements TrainingLoop.Checkpoints, TrainingLoop.EpochListener, AutoCloseable {
        private final Dataset data;
        private final int[] train, validation;
        private final String resumeKey;
        private final Path file;
        private final Progress progress;
        private final long batchesPerEpoch;
        private final List<EpochStats> history = new ArrayList<>();
        private AdamOptimizer adam;
        private long batchesDone, epochStart;
        private int badEpochs;
        private double best = Double.POSITIVE_INFINITY;
        private Map<String, float[]> bestWeights;

        Run(Dataset data, int[] train, int[] validation, String resumeKey, Path file, Progress progress) {
            this.data = data;
            this.train = train;
            this.validation = validation;
            this.resumeKey = resumeKey;
            this.file = file;
            this.progress = progress;
            this.batchesPerEpoch = (train.length + cfg.batchSize() - 1) / cfg.batchSize();
        }

        @Override
        public TrainingLoop.Resumed resume() throws IOException {
            try (NDManager io = net.manager().newSubManager()) {
                Checkpoint.Loaded<State> c = Checkpoint.resume(file, State.class, resumeKey, io);
                if (c == null) {
                    net.setOutputMean(meanPixel(data, train, cfg.batchSize()));
                } else {
                    restore(c);
                }
                // after restore: loading weights replaces the parameter objects the optimiser holds
                adam = new AdamOptimizer(net.allParameters(), cfg.learningRate(), net.manager());
                if (c == null) return TrainingLoop.Resumed.FRESH;
                adam.restore(c.arrays(), c.header().adamSteps());
                return new TrainingLoop.Resumed(c.header().epochsDone(), null);
            }
        }

        private void restore(Checkpoint.Loaded<State> c) {
            State s = c.header();
            net.load(c.arrays());
            badEpochs = s.badEpochs();
            if (!Double.isNaN(s.bestValidation())) best = s.bestValidation();
            history.addAll(s.history());
            Map<String, float[]> saved = Checkpoint.withPrefix(c.arrays(), Checkpoint.BEST_PREFIX);
            bestWeights = saved.isEmpty() ? null : saved;
            batchesDone = batchesPerEpoch * s.epochsDone();
        }

        TrainingLoop.EpochEnd epoch(int epoch) {
            epochStart = System.nanoTime();
            double sum = 0;
            List<int[]> order = Dataset.shuffledBatches(train, cfg.batchSize(), epochSeed(cfg.seed(), epoch));
            try (BatchPrefetcher<TrainingBatch> batches = TrainingBatch.epoch(data, order, augmenter, cfg.seed(), epoch)) {
                while (batches.hasNext()) {
                    TrainingBatch b = batches.next();
                    sum += step(adam, b.input(), b.original(), b.size()) * b.size();
                    progress.step(++batchesDone, batchesPerEpoch * cfg.epochs());
                }
            }
            return TrainingLoop.EpochEnd.finished(sum / train.length);
        }

        @Override
        public void epochEnded(int epochsDone, double trainLoss) {
            double val = validate();
            history.add(new EpochStats(epochsDone, trainLoss, val, (System.nanoTime() - epochStart) / 1e9));
            progress.message(String.format(Locale.ROOT, "epoch %d/%d loss %.5f", epochsDone, cfg.epochs(), trainLoss)
                    + (Double.isNaN(val) ? "" : String.format(Locale.ROOT, " val %.5f", val)));
            String flat = flatLossWarning(history);
            if (flat != null && flatLossWarning(history.subList(0, history.size() - 1)) == null) {
                progress.message("WARNING: " + flat); // once, when it first shows
            }
        }

        /** The validation loss (NaN without validation rows), keeping the best weights and counting bad epochs. */
        private double validate() {
            if (validation.length == 0) return Double.NaN;
            double val = reconstructionLoss(net, data, validation, cfg.batchSize());
            if (val < best) {
                best = val;
                bestWeights = net.values();
                badEpochs = 0;
            } else {
                badEpochs++;
            }
            return val;
        }

        @Override
        public void save(int epochsDone, StopReason stop) throws IOException {
            if (file == null) return;
            try (NDManager io = net.manager().newSubManager()) {
                NDList arrays = net.snapshot(io);
                arrays.addAll(adam.state(io));
                if (bestWeights != null) {
                    net.parameters().forEach((name, p) -> {
                        NDArray a = io.create(bestWeights.get(name), p.getShape());
                        a.setName(Checkpoint.BEST_PREFIX + name);
                        arrays.add(a);
                    });
                }
                Checkpoint.write(file, new State(resumeKey, epochsDone, adam.steps(),
                        Double.isInfinite(best) ? Double.NaN : best, badEpochs, List.copyOf(history)), arrays);
            }
        }

        /** Ends the run on the best weights seen (the last ones without validation). */
        Result result(StopReason stop) {
            if (bestWeights != null) net.load(bestWeights);
            return new Result(List.copyOf(history), validation.length == 0 ? Double.NaN : best, stop,
                    train.length, validation.length, flatLossWarning(history));
        }

        @Override
        public void close() {
            if (adam != null) adam.close();
        }
    }

    /** One Adam step on reconstruction MSE; returns the batch loss before the update. */
    float step(AdamOptimizer adam, float[] pixels, int n) {
        return step(adam, pixels, pixels, n);
    }

    /**
     * One Adam step on the MSE between the reconstruction of {@code input} and {@code target}; returns the batch
     * loss before the update. Without augmentation both are the same array and only one tensor is made.
     */
    float step(AdamOptimizer adam, float[] input, float[] target, int n) {
        float loss;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x = net.input(net.manager(), input, n);
            NDArray t = target == input ? x : net.input(net.manager(), target, n);
            try (Backprop backprop = new Backprop()) {
                NDArray l = SoftAssignment.mse(net.decode(net.encode(x)), t);
                backprop.backward(l);
                loss = l.getFloat();
            }
        }
        adam.step();
        return loss;
    }

    /**
     * A warning when the training loss stayed the same (within {@link #FLAT_TOLERANCE}) for {@link #FLAT_EPOCHS}
     * epoch-to-epoch changes in a row, else null. A real reconstruction loss always moves a little; an exactly flat
     * one means the network outputs a constant image (saturated sigmoid or dead ReLUs) and no gradient flows.
     */
    static String flatLossWarning(List<EpochStats> history) {
        int flat = 0;
        for (int i = 1; i < history.size(); i++) {
            double a = history.get(i - 1).trainLoss(), b = history.get(i).trainLoss();
            flat = Math.abs(b - a) <= FLAT_TOLERANCE * Math.abs(a) ? flat + 1 : 0;
            if (flat >= FLAT_EPOCHS) {
                return String.format(Locale.ROOT, "pre-training loss flat at %.5f since epoch %d: the autoencoder has"
                        + " collapsed to a constant output image (saturated output or dead units: no gradient flows, the embedding"
                        + " is meaningless)",
                        b, i + 1 - flat);
            }
        }
        return null;
    }

    /** Mean pixel of an evenly spaced sample of at most {@link #MEAN_SAMPLE} rows (where the output starts). */
    static double meanPixel(Dataset data, int[] rows, int batchSize) {
        int m = Math.min(rows.length, MEAN_SAMPLE);
        int[] sample = new int[m];
        for (int i = 0; i < m; i++) sample[i] = rows[(int) ((long) i * rows.length / m)];
        double sum = 0;
        long count = 0;
        for (int[] batch : Dataset.batches(sample, batchSize)) {
            for (float v : data.images(batch)) sum += v;
            count += (long) batch.length * data.imageSize() * data.imageSize();
        }
        return count == 0 ? 0.5 : sum / count;
    }

    /** Mean reconstruction MSE over {@code rows}, without gradients. */
    public static double reconstructionLoss(CaeNetwork net, Dataset data, int[] rows, int batchSize) {
        double sum = 0;
        for (int[] batch : Dataset.batches(rows, batchSize)) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray x = net.input(net.manager(), data.images(batch), batch.length);
                sum += SoftAssignment.mse(net.decode(net.encode(x)), x).getFloat() * (double) batch.length;
            }
        }
        return sum / rows.length;
    }

    /**
     * The settings plus which data: a checkpoint only continues the same run on the same rows. The augmentation
     * joins the key only when it is on, so un-augmented checkpoints keep the key they always had.
     */
    private String resumeKey(Dataset data, int[] rows) {
        return cfg.resumeKey() + augmentKey(augmenter.config()) + dataKey(data, rows);
    }

    /** " augment=…" for a resume key when {@code augment} is on, else "". */
    static String augmentKey(AugmentConfig augment) {
        return augment.enabled() ? " augment=" + augment.describe() : "";
    }

    /** Which data a run trains on, for resume keys. */
    static String dataKey(Dataset data, int[] rows) {
        return " data=" + data.directory().toAbsolutePath().normalize() + " n=" + rows.length
                + " rows#" + Integer.toHexString(Arrays.hashCode(rows));
    }


    /** Each epoch's batch order comes from its own seed, so a resumed run sees the same batches. */
    static long epochSeed(long seed, int epoch) {
        return seed * 0x9E3779B97F4A7C15L + epoch;
    }

    /** {train, validation}: a seeded draw of round(fraction × n) rows for validation, both ascending. */
    static int[][] splitValidation(int[] rows, double fraction, long seed) {
        int nVal = (int) Math.round(rows.length * fraction);
        if (fraction > 0 && rows.length > 1) nVal = Math.max(1, Math.min(rows.length - 1, nVal));
        int[] shuffled = rows.clone();
        Shuffle.shuffle(shuffled, new SplittableRandom(seed ^ 0x5DEECE66DL));
        int[] val = Arrays.copyOfRange(shuffled, 0, nVal), train = Arrays.copyOfRange(shuffled, nVal, shuffled.length);
        Arrays.sort(val);
        Arrays.sort(train);
        return new int[][] {train, val};
    }
}
