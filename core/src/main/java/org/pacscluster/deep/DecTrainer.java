package org.pacscluster.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Files;
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
 * {@code lossTolerance} (the paper's rule); the result says which fired.
 */
public final class DecTrainer {
    /**
     * How fine-tuning ended; {@code stopReason} is "max-epochs", "label-change" or "loss-change". A resumed run
     * reports the whole run (epochs, steps, losses since the start).
     */
    public record Result(String stopReason, int epochs, long steps, int targetUpdates, List<Double> epochLosses,
                         List<Double> labelChanges) {}

    private final CaeNetwork net;
    private final CaeConfig cae;
    private final DecConfig dec;

    public DecTrainer(CaeNetwork net, DecConfig dec) {
        if (!dec.method().finetunes()) throw new IllegalArgumentException("method " + dec.method().label() + " has no fine-tuning");
        this.net = net;
        this.cae = net.config();
        this.dec = dec;
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
                 List<Double> labelChanges, String stopReason) {}

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
        int n = rows.length, k = dec.k();
        int[] position = new int[data.size()];
        Arrays.fill(position, -1);
        for (int i = 0; i < n; i++) position[rows[i]] = i;

        String key = resumeKey(data, rows);
        List<Double> losses = new ArrayList<>(), changes = new ArrayList<>();
        int[] labels = initialLabels.clone();
        float[] target = null;
        long step = 0;
        int updates = 0, epochsRun = 0;
        String stop = null;
        NDList restored = null;
        try (NDManager io = net.manager().newSubManager()) {
            if (checkpoint != null && Files.exists(checkpoint)) {
                Checkpoint.Loaded<State> c = Checkpoint.read(checkpoint, State.class, io);
                if (!c.header().resumeKey().equals(key)) {
                    throw new IllegalArgumentException("checkpoint " + checkpoint + " was made with other settings ("
                            + c.header().resumeKey() + "); delete it or use the same settings");
                }
                net.load(c.arrays()); // before the parameter list below: load replaces the parameter objects
                float[] mu = Checkpoint.named(c.arrays(), DeepModel.CENTRES).toFloatArray();
                centres.subi(centres).addi(io.create(mu, centres.getShape()));
                labels = Checkpoint.named(c.arrays(), LABELS).toIntArray();
                NDArray t = Checkpoint.named(c.arrays(), TARGET);
                target = t.size() == 0 ? null : t.toFloatArray();
                epochsRun = c.header().epochsDone();
                step = c.header().steps();
                updates = c.header().targetUpdates();
                losses.addAll(c.header().epochLosses());
                changes.addAll(c.header().labelChanges());
                stop = c.header().stopReason();
                restored = c.arrays();
            }
            List<NDArray> trained = new ArrayList<>(dec.method() == DeepMethod.CIDEC ? net.allParameters() : net.encoderParameters());
            trained.add(centres);
            long perEpoch = (n + cae.batchSize() - 1) / cae.batchSize();
            try (AdamOptimizer adam = new AdamOptimizer(trained, cae.learningRate(), net.manager())) {
                if (restored != null) adam.restore(restored, step);
                epochs:
                for (int epoch = epochsRun; stop == null && epoch < dec.maxEpochs(); epoch++) {
                    double sum = 0;
                    for (int[] batch : Dataset.shuffledBatches(rows, cae.batchSize(), CaeTrainer.epochSeed(~cae.seed(), epoch))) {
                        if (step % dec.updateInterval() == 0) {
                            float[] q = Embeddings.softAssign(net, centres, data, rows, cae.batchSize());
                            int[] now = SoftAssignment.argmax(q, n, k);
                            double changed = changedShare(labels, now);
                            changes.add(changed);
                            labels = now;
                            target = SoftAssignment.target(q, n, k);
                            updates++;
                            if (step > 0 && changed < dec.labelTolerance()) { stop = "label-change"; break epochs; }
                        }
                        float[] p = new float[batch.length * k];
                        for (int i = 0; i < batch.length; i++) System.arraycopy(target, position[batch[i]] * k, p, i * k, k);
                        sum += step(adam, centres, data.images(batch), p, batch.length) * batch.length;
                        step++;
                        progress.step(step, dec.maxEpochs() * perEpoch);
                    }
                    epochsRun = epoch + 1;
                    double loss = sum / n;
                    if (!Double.isFinite(loss)) throw new IllegalStateException("fine-tuning diverged at epoch " + epochsRun);
                    losses.add(loss);
                    progress.message(String.format(Locale.ROOT, "%s epoch %d/%d loss %.5f labels changed %.4f",
                            dec.method().label(), epochsRun, dec.maxEpochs(), loss, changes.get(changes.size() - 1)));
                    if (losses.size() > 1) {
                        double prev = losses.get(losses.size() - 2);
                        if (Math.abs(loss - prev) < dec.lossTolerance() * Math.abs(prev)) stop = "loss-change";
                    }
                    if (checkpoint != null) {
                        writeCheckpoint(checkpoint, new State(key, epochsRun, step, updates, List.copyOf(losses),
                                List.copyOf(changes), stop), centres, adam, labels, target);
                    }
                }
                if (stop != null && checkpoint != null && stop.equals("label-change")) {
                    // stopped inside an epoch: the weights are as after the last full batch; record the end
                    writeCheckpoint(checkpoint, new State(key, epochsRun, step, updates, List.copyOf(losses),
                            List.copyOf(changes), stop), centres, adam, labels, target);
                }
            }
        }
        return new Result(stop == null ? "max-epochs" : stop, epochsRun, step, updates, List.copyOf(losses), List.copyOf(changes));
    }

    private void writeCheckpoint(Path file, State state, NDArray centres, AdamOptimizer adam, int[] labels,
                                 float[] target) throws IOException {
        try (NDManager io = net.manager().newSubManager()) {
            NDList arrays = net.snapshot(io);
            arrays.add(named(io.create(centres.toFloatArray(), centres.getShape()), DeepModel.CENTRES));
            arrays.addAll(adam.state(io));
            arrays.add(named(io.create(labels), LABELS));
            arrays.add(named(io.create(target == null ? new float[0] : target), TARGET));
            Checkpoint.write(file, state, arrays);
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
                dec.labelTolerance(), dec.lossTolerance()) + CaeTrainer.dataKey(data, rows);
    }

    /** One Adam step on α·KL(P‖Q) + β·MSE for a batch with its target rows; returns the loss before the step. */
    float step(AdamOptimizer adam, NDArray centres, float[] pixels, float[] target, int n) {
        float loss;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x = net.input(net.manager(), pixels, n);
            NDArray p = net.manager().create(target, new Shape(n, dec.k()));
            try (GradientCollector gc = net.manager().getEngine().newGradientCollector()) {
                NDArray l = objective(x, p, centres);
                gc.backward(l);
                loss = l.getFloat();
            }
        }
        adam.step();
        return loss;
    }

    /** α·KL(P‖Q) + β·MSE; the decoder only runs when β > 0. */
    NDArray objective(NDArray x, NDArray p, NDArray centres) {
        NDArray z = net.encode(x);
        NDArray l = SoftAssignment.kl(p, SoftAssignment.q(z, centres)).mul((float) dec.klWeight());
        double beta = dec.reconstructionWeight();
        return beta > 0 ? l.add(SoftAssignment.mse(net.decode(z), x).mul((float) beta)) : l;
    }

    static double changedShare(int[] before, int[] after) {
        int changed = 0;
        for (int i = 0; i < before.length; i++) if (before[i] != after[i]) changed++;
        return before.length == 0 ? 0 : (double) changed / before.length;
    }
}
