package org.pacscluster.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
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
    /** How fine-tuning ended; {@code stopReason} is "max-epochs", "label-change" or "loss-change". */
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
     * Fine-tunes on {@code rows}. {@code centres} (k × latent, requiring a gradient, owned by the network's
     * manager) start at the k-means centres and are updated in place; {@code initialLabels} are k-means' labels.
     */
    public Result train(Dataset data, int[] rows, NDArray centres, int[] initialLabels, Progress progress) {
        int n = rows.length, k = dec.k();
        int[] position = new int[data.size()];
        Arrays.fill(position, -1);
        for (int i = 0; i < n; i++) position[rows[i]] = i;

        List<NDArray> trained = new ArrayList<>(dec.method() == DeepMethod.CIDEC ? net.allParameters() : net.encoderParameters());
        trained.add(centres);
        List<Double> losses = new ArrayList<>(), changes = new ArrayList<>();
        int[] labels = initialLabels.clone();
        float[] target = null;
        long step = 0;
        int updates = 0, epochsRun = 0;
        String stop = "max-epochs";
        long perEpoch = (n + cae.batchSize() - 1) / cae.batchSize();
        try (AdamOptimizer adam = new AdamOptimizer(trained, cae.learningRate(), net.manager())) {
            epochs:
            for (int epoch = 0; epoch < dec.maxEpochs(); epoch++) {
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
                    if (Math.abs(loss - prev) < dec.lossTolerance() * Math.abs(prev)) { stop = "loss-change"; break; }
                }
            }
        }
        return new Result(stop, epochsRun, step, updates, List.copyOf(losses), List.copyOf(changes));
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
