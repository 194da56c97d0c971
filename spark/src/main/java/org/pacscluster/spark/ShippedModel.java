package org.pacscluster.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.pacscluster.io.Parallelism;
import org.pacscluster.method.ClusteringModel;
import org.pacscluster.method.Hardware;
import org.pacscluster.method.ModelCard;
import org.pacscluster.method.ModelFolder;

/**
 * A saved model (any method) sent to the executors: the driver broadcasts the files of its model folder once, and
 * each executor JVM writes them to a temporary folder and loads them with {@link ModelFolder#load} the first time a
 * task needs the model; later tasks in that JVM reuse it. The tasks of one executor take turns on the model
 * (deep-learning engines are not made for concurrent calls on one network) while it computes with all the
 * executor's cores: the engine gets {@code threads} native threads and the fixed-feature embedders a
 * {@link Parallelism} pool of that size. Decoding, which runs before, stays parallel across the tasks.
 */
final class ShippedModel implements Serializable {
    private static final long serialVersionUID = 1L;
    // per executor JVM: loaded models by fingerprint + hardware
    private static final Map<String, ClusteringModel> LOADED = new ConcurrentHashMap<>();

    private final Broadcast<HashMap<String, byte[]>> files;
    private final String fingerprint;
    private final int threads;
    private final String device;
    private final transient ModelCard card;

    private ShippedModel(Broadcast<HashMap<String, byte[]>> files, String fingerprint, int threads, String device,
                         ModelCard card) {
        this.files = files;
        this.fingerprint = fingerprint;
        this.threads = threads;
        this.device = device;
        this.card = card;
    }

    /**
     * Reads the model folder {@code dir} on the driver (refusing what is not a model, with the core's message) and
     * broadcasts its files.
     *
     * @param threads engine threads per executor (0 = the engine's default, every core it sees)
     */
    static ShippedModel ship(JavaSparkContext jsc, Path dir, int threads, String device) throws IOException {
        ModelCard card = ModelFolder.readCard(dir);
        // loading once on the driver reports a damaged folder here, in one line, before any task starts
        try (ClusteringModel m = ModelFolder.load(dir, new Hardware(1, "cpu"))) {
            if (m.k() != card.k()) throw new IllegalArgumentException("model " + dir + " is inconsistent");
        }
        TreeMap<String, byte[]> content = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                content.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        MessageDigest sha = sha256();
        content.forEach((name, bytes) -> {
            sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update(bytes);
        });
        return new ShippedModel(jsc.broadcast(new HashMap<>(content)), HexFormat.of().formatHex(sha.digest()), threads,
                device, card);
    }

    /** The model's card (on the driver). */
    ModelCard card() { return card; }

    /** Runs {@code work} on this executor's copy of the model, loading it first if needed; one task at a time. */
    <T, E extends Exception> T apply(Work<T, E> work) throws E, IOException {
        ClusteringModel model = load();
        synchronized (model) {
            return Parallelism.call(threads, () -> work.run(model));
        }
    }

    /** What a task does with the model. */
    @FunctionalInterface
    interface Work<T, E extends Exception> {
        T run(ClusteringModel model) throws E;
    }

    private ClusteringModel load() throws IOException {
        String key = fingerprint + "/" + threads + "/" + device;
        ClusteringModel m = LOADED.get(key);
        if (m != null) return m;
        synchronized (LOADED) {
            m = LOADED.get(key);
            if (m != null) return m;
            Path dir = Files.createTempDirectory("pacscluster-model-");
            for (Map.Entry<String, byte[]> e : files.value().entrySet()) {
                Path f = dir.resolve(e.getKey()).normalize();
                if (!f.startsWith(dir)) throw new IOException("bad file name in model: " + e.getKey());
                Files.createDirectories(f.getParent());
                Files.write(f, e.getValue());
            }
            m = ModelFolder.load(dir, new Hardware(threads, device));
            LOADED.put(key, m);
            return m;
        }
    }

    /** Closes the models loaded in this JVM (the driver's, after a job in local mode). */
    static void releaseAll() {
        synchronized (LOADED) {
            List<ClusteringModel> all = List.copyOf(LOADED.values());
            LOADED.clear();
            for (ClusteringModel m : all) m.close();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
