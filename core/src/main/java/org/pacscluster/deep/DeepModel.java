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
import org.pacscluster.dataset.Dataset;
import org.pacscluster.io.AtomicFiles;
import org.pacscluster.progress.Progress;

/**
 * A trained model: the autoencoder, the cluster centres and {@link ModelInfo}. Assigns any rows of a dataset with
 * the same image size to clusters: argmax of the Student-t soft assignment q (for CAE + k-means this is the nearest
 * centre, since q falls with distance), with max q as the probability.
 *
 * <p>Folder layout: {@code model.json} and {@code weights.ndlist} (DJL's NDList encoding of every network
 * parameter by name plus "cluster.centres").
 */
public final class DeepModel implements AutoCloseable {
    public static final String WEIGHTS = "weights.ndlist";
    static final String CENTRES = "cluster.centres";

    private final CaeNetwork net;
    private final NDArray centres;
    private final ModelInfo info;

    DeepModel(CaeNetwork net, NDArray centres, ModelInfo info) {
        this.net = net;
        this.centres = centres;
        this.info = info;
    }

    /** Cluster of each row and its probability (max q). */
    public record Assignments(int[] clusters, float[] probabilities) {}

    public ModelInfo info() { return info; }

    public CaeNetwork network() { return net; }

    public int k() { return (int) centres.getShape().get(0); }

    /** Centres as k × latent doubles. */
    public double[][] centres() {
        return Embeddings.toRows(centres.toFloatArray(), k(), net.config().latent());
    }

    public Assignments assign(Dataset data, int[] rows) {
        requireSize(data);
        float[] q = Embeddings.softAssign(net, centres, data, rows, net.config().batchSize());
        int[] clusters = SoftAssignment.argmax(q, rows.length, k());
        float[] prob = new float[rows.length];
        for (int i = 0; i < rows.length; i++) prob[i] = q[i * k() + clusters[i]];
        return new Assignments(clusters, prob);
    }

    /** The latent embedding (rows × latent) in which the model clusters. */
    public double[][] embed(Dataset data, int[] rows, Progress progress) {
        requireSize(data);
        return Embeddings.toRows(Embeddings.embed(net, data, rows, net.config().batchSize(), progress), rows.length,
                net.config().latent());
    }

    private void requireSize(Dataset data) {
        if (data.imageSize() != net.config().inputSize()) {
            throw new IllegalArgumentException("dataset " + data.directory() + " has " + data.imageSize()
                    + "² images but the model was trained on " + net.config().inputSize()
                    + "²; ingest it again with --size " + net.config().inputSize());
        }
    }

    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (NDManager io = net.manager().newSubManager()) {
            NDList all = net.snapshot(io);
            NDArray c = io.create(centres.toFloatArray(), centres.getShape());
            c.setName(CENTRES);
            all.add(c);
            AtomicFiles.write(dir.resolve(WEIGHTS), all::encode);
        }
        info.write(dir);
    }

    /** Loads a model folder onto a device ("auto", "cpu", "gpu", "gpu:N"). */
    public static DeepModel load(Path dir, String device, int threads) throws IOException {
        if (!Files.exists(dir.resolve(ModelInfo.FILE)) || !Files.exists(dir.resolve(WEIGHTS))) {
            throw new IllegalArgumentException("no model at " + dir + " (expected " + ModelInfo.FILE + " and "
                    + WEIGHTS + ")");
        }
        ModelInfo info = ModelInfo.read(dir);
        Device dev = DeepRuntime.device(device, threads);
        CaeNetwork net = CaeNetwork.initialise(info.cae(), dev);
        try (InputStream in = Files.newInputStream(dir.resolve(WEIGHTS)); NDManager io = net.manager().newSubManager()) {
            NDList saved = NDList.decode(io, in);
            net.load(saved);
            NDArray c = null;
            for (NDArray a : saved) if (CENTRES.equals(a.getName())) c = a;
            if (c == null || c.getShape().dimension() != 2 || c.getShape().get(1) != info.cae().latent()) {
                throw new IllegalArgumentException("model " + dir + " has no valid cluster centres");
            }
            NDArray centres = net.manager().create(c.toFloatArray(), new Shape(c.getShape().get(0), c.getShape().get(1)));
            return new DeepModel(net, centres, info);
        } catch (RuntimeException | IOException e) {
            net.close();
            throw e;
        }
    }

    @Override
    public void close() { net.close(); }
}
