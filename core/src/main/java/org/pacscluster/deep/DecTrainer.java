package org.pacscluster.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.progress.Progress;

/**
 * DEC/IDEC fine-tuning of a pre-trained autoencoder together with its cluster centres (CDEC, CIDEC). Every
 * {@code updateInterval} batches the target P is recomputed over the whole training set; each batch minimises
 * α·KL(P‖Q) + β·MSE with Adam. Stops at the epoch budget, when fewer than {@code labelTolerance} of the labels
 * changed between two target updates (DEC's rule), or when the epoch loss changed by less than
 * {@code lossTolerance} (the paper's rule); the result says which fired. The epochs run in {@link TrainingLoop};
 * the label rule is checked inside an epoch, at each target update.
 *
 * <p>With an {@link AugmentConfig} that is on (DEC-DA), each batch is fed as randomly transformed copies: the KL term
 * compares q of the transformed image with the target row P of its original, and the reconstruction term (CIDEC)
 * compares the reconstruction with the original. P, the labels and everything after training come from the images
 * as stored. Batches are gathered (and augmented) one ahead on a background thread ({@link TrainingBatch}).
 */
public final class DecTrainer {
    /**
     * How fine-tuning ended; {@code stopReason} is {@link StopReason#MAX_EPOCHS},
     * {@link StopReason#LABEL_CHANGE} or {@link StopReason#LOSS_CHANGE} (written as its label, as model.json has
     * always had it). A resumed run reports the whole run (epochs, steps, losses since the start).
     */
    public record Result(StopReason stopReason, int epochs, long steps, int targetUpdates, List<Double> epochLosses,
                         List<Double> labelChanges) {}

    private final CaeNetwork net;
    private final CaeConfig cae;
    private final DecConfig dec;
    private final ImageAugmenter augmenter;

    /** Fine-tunes without augmentation (the paper's protocol). */
    public DecTrainer(CaeNetwork net, DecConfig dec) {
        this(net, dec, AugmentConfig.none());
    }

    /** Fine-tunes on copies of the images transformed as {@code augment} says ({@link AugmentConfig#none()}: as stored). */
    public DecTrainer(CaeNetwork net, DecConfig dec, AugmentConfig augment) {
        if (!dec.method().finetunes()) throw new IllegalArgumentException("method " + dec.method().label() + " has no fine-tuning");
        this.net = net;
        this.cae = net.config();
        this.dec = dec;
        this.augmenter = new ImageAugmenter(augment, cae.inputSize());
    }

    /**
     * Where a fine-tuning run stands after a finished epoch (the header of its checkpoint); the arrays hold the
     * weights, the centres, Adam's state, the current labels and the target P in force.
     *
     * @param resumeKey   settings + data of the run; a different one is refused on resume
     * @param epochsDone  epochs finished
     * @param steps       batches trained (= Adam updates)
     * @param stopReason  null while running; the rule that ended the run once it has ended
     */
    record State(String resumeKey, int epochsDone, long steps, int targetUpdates, List<Double> epochLosses,
                 List<Double> labelChanges, StopReason stopReason) implements Checkpoint.Header {}

    static final String LABELS = "finetune:labels", TARGET = "finetune:target";

    /**
     * Fine-tunes on {@code rows}. {@code centres} (k × latent, requiring a gradient, owned by the network's
     * manager) start at the k-means centres and are updated in place; {@code initialLabels} are k-means' labels.
     * With a {@code checkpoint} file that exists, continues from it (same settings and data required; a finished
     * run just restores its end state); after each epoch, and when a rule stops the run, the file is rewritten.
     * {@code checkpoint} may be null.
     */
    public Result train(Dataset data, int[] rows, NDArray centres, int[] initialLabels, Path checkpoint,
                        Progress progress) throws IOException {
        net.outputConvPadded(); // decided before any step records gradients (see CaeNetwork)
        try (Run run = new Run(data, rows, centres, initialLabels, resumeKey(data, rows), checkpoint, progress)) {
            StopReason stop = new TrainingLoop(dec.maxEpochs(), StoppingRule.lossChange(dec.lossTolerance(), run.losses),
                    TrainingLoop.DivergenceCheck.finiteLoss("fine-tuning"), run, run).run(run::epoch);
            return new Result(stop, run.epochs, run.steps, run.updates, List.copyOf(run.losses),
                    List.copyOf(run.changes));
        }
    }

    /** One fine-tuning run: its state, the work of an epoch, and the loop's checkpoint and bookkeeping hooks. */
    private final class Run implements TrainingLoop.Checkpoints, TrainingLoop.EpochListener, AutoCloseable {
        private final Dataset data;
        private final int[] rows;
        /** Where each dataset row sits in {@code rows} (-1: not trained on), to pick its row of the target. */
        private final int[] position;
        private final NDArray centres;
        private final String resumeKey;
        private final Path file;
        private final Progress progress;
        private final long batchesPerEpoch;
        private final List<Double> losses = new ArrayList<>(), changes = new ArrayList<>();
        /** DEC's rule looks at every target update, inside an epoch, so the epoch checks it rather than the loop. */
        private final StoppingRule labelRule = StoppingRule.labelChange(dec.labelTolerance(), changes);
        private int[] labels;
        private float[] target;
        private long steps;
        private int updates, epochs;
        private AdamOptimizer adam;

        Run(Dataset data, int[] rows, NDArray centres, int[] initialLabels, String resumeKey, Path file,
            Progress progress) {
            this.data = data;
            this.rows = rows;
            this.centres = centres;
            this.labels = initialLabels.clone();
            this.resumeKey = resumeKey;
            this.file = file;
            this.progress = progress;
            this.batchesPerEpoch = (rows.length + cae.batchSize() - 1) / cae.batchSize();
            this.position = new int[data.size()];
            Arrays.fill(position, -1);
            for (int i = 0; i < rows.length; i++) position[rows[i]] = i;
        }

        @Override
        public TrainingLoop.Resumed resume() throws IOException {
            try (NDManager io = net.manager().newSubManager()) {
                Checkpoint.Loaded<State> c = Checkpoint.resume(file, State.class, resumeKey, io);
                if (c != null) restore(c, io);
                // after restore: loading weights replaces the parameter objects the optimiser holds
                List<NDArray> trained = new ArrayList<>(dec.method() == DeepMethod.CIDEC ? net.allParameters() : net.encoderParameters());
                trained.add(centres);
                adam = new AdamOptimizer(trained, cae.learningRate(), net.manager());
                if (c == null) return TrainingLoop.Resumed.FRESH;
                adam.restore(c.arrays(), steps);
                return new TrainingLoop.Resumed(epochs, c.header().stopReason());
            }
        }

        private void restore(Checkpoint.Loaded<State> c, NDManager io) {
            State s = c.header();
            net.load(c.arrays());
            float[] mu = Checkpoint.named(c.arrays(), DeepModel.CENTRES).toFloatArray();
            centres.subi(centres).addi(io.create(mu, centres.getShape()));
            labels = Checkpoint.named(c.arrays(), LABELS).toIntArray();
            NDArray t = Checkpoint.named(c.arrays(), TARGET);
            target = t.size() == 0 ? null : t.toFloatArray();
            epochs = s.epochsDone();
            steps = s.steps();
            updates = s.targetUpdates();
            losses.addAll(s.epochLosses());
            changes.addAll(s.labelChanges());
        }

        TrainingLoop.EpochEnd epoch(int epoch) {
            double sum = 0;
            long seed = ~cae.seed(); // batch order and transforms apart from pre-training's
            List<int[]> order = Dataset.shuffledBatches(rows, cae.batchSize(), CaeTrainer.epochSeed(seed, epoch));
            try (BatchPrefetcher<TrainingBatch> batches = TrainingBatch.epoch(data, order, augmenter, seed, epoch)) {
                while (batches.hasNext()) {
                    // P is updated here, on this thread: the prefetched batch holds only pixels, not target rows
                    if (steps % dec.updateInterval() == 0) {
                        updateTarget();
                        StopReason stop = labelRule.check();
                        if (stop != null) return TrainingLoop.EpochEnd.stopped(stop);
                    }
                    TrainingBatch b = batches.next();
                    float[] p = targetRows(b.rows());
                    sum += step(adam, centres, b.input(), b.original(), p, b.size()) * b.size();
                    steps++;
                    progress.step(steps, dec.maxEpochs() * batchesPerEpoch);
                }
            }
            return TrainingLoop.EpochEnd.finished(sum / rows.length);
        }

        /** Recomputes Q over all rows, the labels and the target P, and records the share of labels that changed. */
        private void updateTarget() {
            int n = rows.length, k = dec.k();
            float[] q = Embeddings.softAssign(net, centres, data, rows, cae.batchSize());
            int[] now = SoftAssignment.argmax(q, n, k);
            changes.add(changedShare(labels, now));
            labels = now;
            target = SoftAssignment.target(q, n, k);
            updates++;
        }

        private float[] targetRows(int[] batch) {
            int k = dec.k();
            float[] p = new float[batch.length * k];
            for (int i = 0; i < batch.length; i++) System.arraycopy(target, position[batch[i]] * k, p, i * k, k);
            return p;
        }

        @Override
        public void epochEnded(int epochsDone, double loss) {
            epochs = epochsDone;
            losses.add(loss);
            progress.message(String.format(Locale.ROOT, "%s epoch %d/%d loss %.5f labels changed %.4f",
                    dec.method().label(), epochsDone, dec.maxEpochs(), loss, changes.get(changes.size() - 1)));
        }

        @Override
        public void save(int epochsDone, StopReason stop) throws IOException {
            if (file == null) return;
            try (NDManager io = net.manager().newSubManager()) {
                NDList arrays = net.snapshot(io);
                arrays.add(named(io.create(centres.toFloatArray(), centres.getShape()), DeepModel.CENTRES));
                arrays.addAll(adam.state(io));
                arrays.add(named(io.create(labels), LABELS));
                arrays.add(named(io.create(target == null ? new float[0] : target), TARGET));
                Checkpoint.write(file, new State(resumeKey, epochsDone, steps, updates, List.copyOf(losses),
                        List.copyOf(changes), stop), arrays);
            }
        }

        @Override
        public void close() {
            if (adam != null) adam.close();
        }
    }

    private static NDArray named(NDArray a, String name) {
        a.setName(name);
        return a;
    }

    /** Everything a checkpoint must agree on to be continued (all but the epoch budget, threads and device). */
    private String resumeKey(Dataset data, int[] rows) {
        return cae.resumeKey() + String.format(Locale.ROOT, " method=%s k=%d init=%d alpha=%s interval=%d tol=%s/%s",
                dec.method().label(), dec.k(), dec.kmeansInit(), dec.klWeight(), dec.updateInterval(),
                dec.labelTolerance(), dec.lossTolerance()) + CaeTrainer.augmentKey(augmenter.config())
                + CaeTrainer.dataKey(data, rows);
    }

    /**
     * One Adam step on α·KL(P‖Q) + β·MSE for a batch fed as {@code input}, whose images as stored are
     * {@code original} (the same array without augmentation), with its target rows; returns the loss before the step.
     */
    float step(AdamOptimizer adam, NDArray centres, float[] input, float[] original, float[] target, int n) {
        float loss;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x = net.input(net.manager(), input, n);
            NDArray stored = original == input ? x : net.input(net.manager(), original, n);
            NDArray p = net.manager().create(target, new Shape(n, dec.k()));
            try (Backprop backprop = new Backprop()) {
                NDArray l = objective(x, stored, p, centres);
                backprop.backward(l);
                loss = l.getFloat();
            }
        }
        adam.step();
        return loss;
    }

    /** α·KL(P‖Q) + β·MSE of un-augmented images {@code x}; the decoder only runs when β > 0. */
    NDArray objective(NDArray x, NDArray p, NDArray centres) {
        return objective(x, x, p, centres);
    }

    /**
     * α·KL(P‖Q(input)) + β·MSE(reconstruction of {@code input}, {@code original}): q and the reconstruction come from
     * what the network is fed, P and the reconstruction target from the images as stored. The decoder only runs
     * when β > 0.
     */
    NDArray objective(NDArray input, NDArray original, NDArray p, NDArray centres) {
        NDArray z = net.encode(input);
        NDArray l = SoftAssignment.kl(p, SoftAssignment.q(z, centres)).mul((float) dec.klWeight());
        double beta = dec.reconstructionWeight();
        return beta > 0 ? l.add(SoftAssignment.mse(net.decode(z), original).mul((float) beta)) : l;
    }

    static double changedShare(int[] before, int[] after) {
        int changed = 0;
        for (int i = 0; i < before.length; i++) if (before[i] != after[i]) changed++;
        return before.length == 0 ? 0 : (double) changed / before.length;
    }
}
