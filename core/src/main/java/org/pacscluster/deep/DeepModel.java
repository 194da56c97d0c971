package org.pacscluster.deep;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pacscluster.cluster.Assignments;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.io.AtomicFiles;
import org.pacscluster.progress.Progress;

/**
 * A trained CAE-based model: the autoencoder, the cluster centres and the settings they were made with. Assigns
 * any rows of a dataset with the same image size to clusters: argmax of the Student-t soft assignment q (for
 * CAE + k-means this is the nearest centre, since q falls with distance), with max q as the probability.
 *
 * <p>Its weights file {@value #WEIGHTS} is DJL's NDList encoding of every network parameter by name; the centres
 * and the settings live beside it in the model folder ({@code centres.csv}, {@code model.json}), written by the
 * caller. Folders of format 1 kept the centres in the weights file as "cluster.centres"; {@link #load} still reads
 * them there when it is given none.
 */
public final class DeepModel implements AutoCloseable {
    public static final String WEIGHTS = "weights.ndlist";
    static final String CENTRES = "cluster.centres";

    private final CaeNetwork net;
    private final NDArray centres;
    private final DecConfig clustering;
    private final CaeTrainer.Result pretraining;
    private final DecTrainer.Result finetuning;

    DeepModel(CaeNetwork net, NDArray centres, DecConfig clustering, CaeTrainer.Result pretraining,
              DecTrainer.Result finetuning) {
        this.net = net;
        this.centres = centres;
        this.clustering = clustering;
        this.pretraining = pretraining;
        this.finetuning = finetuning;
    }

    public CaeConfig cae() { return net.config(); }

    public DecConfig clustering() { return clustering; }

    /** How pre-training went; null for a loaded model (its folder's model.json keeps it). */
    public CaeTrainer.Result pretraining() { return pretraining; }

    /** How CDEC/CIDEC fine-tuning went; null for CAE + k-means and for a loaded model. */
    public DecTrainer.Result finetuning() { return finetuning; }

    public CaeNetwork network() { return net; }

    /** The device the network runs on, e.g. "cpu()". */
    public String device() { return net.manager().getDevice().toString(); }

    public int k() { return (int) centres.getShape().get(0); }

    /** Centres as k × latent doubles. */
    public double[][] centres() {
        return Embeddings.toRows(centres.toFloatArray(), k(), net.config().latent());
    }

    public Assignments assign(Dataset data, int[] rows) {
        data.requireImageSize(net.config().inputSize());
        float[] q = Embeddings.softAssign(net, centres, data, rows, net.config().batchSize());
        int[] clusters = SoftAssignment.argmax(q, rows.length, k());
        float[] prob = new float[rows.length];
        for (int i = 0; i < rows.length; i++) prob[i] = q[i * k() + clusters[i]];
        return new Assignments(clusters, prob);
    }

    /** The latent embedding (rows × latent) in which the model clusters. */
    public double[][] embed(Dataset data, int[] rows, Progress progress) {
        data.requireImageSize(net.config().inputSize());
        return Embeddings.toRows(Embeddings.embed(net, data, rows, net.config().batchSize(), progress), rows.length,
                net.config().latent());
    }


    /** Writes the network's parameters to {@value #WEIGHTS} in {@code dir}. */
    public void saveWeights(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (NDManager io = net.manager().newSubManager()) {
            AtomicFiles.write(dir.resolve(WEIGHTS), net.snapshot(io)::encode);
        }
    }

    /**
     * Loads the weights in {@code dir} into a network built from {@code cae}, with the given centres (k × latent;
     * null = the "cluster.centres" array of a format-1 weights file), on a device ("auto", "cpu", "gpu", "gpu:N")
     * with {@code threads} engine threads (0 = the engine's default).
     */
    public static DeepModel load(Path dir, CaeConfig cae, DecConfig clustering, double[][] centres, String device,
                                 int threads) throws IOException {
        Path weights = dir.resolve(WEIGHTS);
        if (!Files.isRegularFile(weights)) throw new IllegalArgumentException("model " + dir + " has no " + WEIGHTS);
        Device dev = DeepRuntime.device(device, threads);
        CaeNetwork net = CaeNetwork.initialise(cae, dev);
        try (InputStream in = Files.newInputStream(weights); NDManager io = net.manager().newSubManager()) {
            NDList saved;
            try {
                saved = NDList.decode(io, in);
                net.load(saved);
            } catch (RuntimeException e) {
                throw org.pacscluster.io.DamagedFile.of(weights, e);
            }
            NDArray c = null;
            for (NDArray a : saved) if (CENTRES.equals(a.getName())) c = a;
            float[] mu;
            long k;
            if (centres != null) {
                k = centres.length;
                mu = DeepPipeline.flatten(centres);
            } else if (c != null && c.getShape().dimension() == 2) {
                k = c.getShape().get(0);
                mu = c.toFloatArray();
            } else {
                throw new IllegalArgumentException("model " + dir + " has no cluster centres");
            }
            if (k < 1 || mu.length != k * cae.latent()) {
                throw new IllegalArgumentException("model " + dir + ": the centres do not match the " + cae.latent()
                        + "-d embedding");
            }
            NDArray m = net.manager().create(mu, new Shape(k, cae.latent()));
            return new DeepModel(net, m, clustering, null, null);
        } catch (RuntimeException | IOException e) {
            net.close();
            throw e;
        }
    }

    @Override
    public void close() { net.close(); }
}
