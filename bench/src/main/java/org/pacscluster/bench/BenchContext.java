package org.pacscluster.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.Preprocessor;
import org.pacscluster.ingest.IngestConfig;
import org.pacscluster.ingest.Ingestor;
import org.pacscluster.progress.Progress;

/**
 * What the workloads of one run share: the settings, our thread pool of T threads, and the data, built once on
 * first use — MedNIST samples ingested by the real ingest code at 64² and 256², the float32 .npy copies the Python
 * side reads (the exact stored pixel values), and 100-d thumbnails for the k-means and t-SNE workloads.
 */
public final class BenchContext implements AutoCloseable {
    private final BenchConfig cfg;
    private final ForkJoinPool pool;
    private final PrintStream log;
    private final Map<Integer, Dataset> datasets = new HashMap<>();
    private final Map<String, Path> files = new HashMap<>();
    private double[][] thumbnails;

    public BenchContext(BenchConfig cfg, PrintStream log) throws IOException {
        this.cfg = cfg;
        this.log = log;
        Files.createDirectories(cfg.scratch());
        this.pool = new ForkJoinPool(cfg.threads());
    }

    public BenchConfig config() { return cfg; }

    public Sizes sizes() { return cfg.sizes(); }

    public int threads() { return cfg.threads(); }

    public Path scratch() { return cfg.scratch(); }

    public void log(String message) { log.println("bench: " + message); }

    /**
     * Runs {@code task} on our pool of T threads: parallel streams started inside it use this pool, not the common
     * one, so our side uses exactly T threads.
     */
    public <T> T onOurThreads(Callable<T> task) throws Exception {
        try {
            return pool.submit(task).get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof Exception ex) throw ex;
            if (c instanceof Error err) throw err;
            throw e;
        }
    }

    /** The MedNIST sample ingested at size×size (64: {@code images64} images, 256: {@code images256}). */
    public synchronized Dataset mednist(int size) throws IOException {
        Dataset d = datasets.get(size);
        if (d != null) return d;
        int count = switch (size) {
            case 64 -> sizes().images64();
            case 256 -> sizes().images256();
            default -> throw new IllegalArgumentException("bench datasets are 64² or 256², not " + size);
        };
        Path dir = scratch().resolve("mednist-" + size);
        log(String.format("ingesting %,d MedNIST images at %d² into %s", count, size, dir));
        try (MedNistSample src = MedNistSample.open(cfg.mednistZip(), cfg.mednistLabels(), count)) {
            Ingestor.Summary s = new Ingestor(new IngestConfig(size, 8, 0.2, 42, threads()), "default", "bench")
                    .run(src, dir, Progress.NONE);
            if (s.manifest() == null || s.manifest().count() != count) {
                throw new IOException("ingest of the MedNIST sample stored " + (s.manifest() == null ? 0 : s.manifest().count())
                        + " of " + count + " images (see " + dir.resolve(Dataset.REJECTED) + ")");
            }
        }
        d = Dataset.open(dir);
        datasets.put(size, d);
        return d;
    }

    /** Rows 0..count−1. */
    public static int[] firstRows(int count) {
        int[] r = new int[count];
        for (int i = 0; i < count; i++) r[i] = i;
        return r;
    }

    /** The first {@code count} images of the size×size sample as a float32 (count, S, S) .npy, written once. */
    public synchronized Path imagesNpy(int size, int count) throws IOException {
        String key = "images-" + size + "-" + count;
        Path p = files.get(key);
        if (p != null) return p;
        Dataset d = mednist(size);
        p = scratch().resolve(key + ".npy");
        Npy.writeFloat32(p, d.images(firstRows(count)), count, size, size);
        files.put(key, p);
        return p;
    }

    /**
     * 100-d real features for k-means and t-SNE: each 64² image shrunk to a 10×10 thumbnail (the antialiased
     * bilinear resize of preprocessing, then min-max scaled), for the first {@code count} images.
     */
    public synchronized double[][] thumbnails(int count) throws IOException {
        if (thumbnails == null || thumbnails.length < count) {
            int n = Math.max(count, Math.max(sizes().kmeansN(), sizes().tsneN()));
            Dataset d = mednist(64);
            Preprocessor shrink = new Preprocessor(10);
            double[][] t = new double[n][];
            for (int i = 0; i < n; i++) {
                float[] small = shrink.apply(d.image(i), 64, 64);
                t[i] = new double[small.length];
                for (int j = 0; j < small.length; j++) t[i][j] = small[j];
            }
            thumbnails = t;
        }
        return java.util.Arrays.copyOf(thumbnails, count);
    }

    /** {@link #thumbnails} as a float32 (count, 100) .npy; both sides then use the float32 values. */
    public synchronized Path thumbnailsNpy(int count) throws IOException {
        String key = "thumbnails-" + count;
        Path p = files.get(key);
        if (p != null) return p;
        p = scratch().resolve(key + ".npy");
        Npy.writeFloat32(p, thumbnails(count));
        files.put(key, p);
        return p;
    }

    /** The thumbnails rounded to float32, exactly what the Python side reads from {@link #thumbnailsNpy}. */
    public double[][] thumbnailsAsFloat32(int count) throws IOException {
        float[][] t = thumbnailsFloat32(count);
        double[][] out = new double[count][];
        for (int i = 0; i < count; i++) {
            out[i] = new double[t[i].length];
            for (int j = 0; j < t[i].length; j++) out[i][j] = t[i][j];
        }
        return out;
    }

    /** The thumbnails as float32, the values the Python side reads from the .npy (k-means clusters them in float32). */
    public float[][] thumbnailsFloat32(int count) throws IOException {
        double[][] t = thumbnails(count);
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            out[i] = new float[t[i].length];
            for (int j = 0; j < t[i].length; j++) out[i][j] = (float) t[i][j];
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        pool.shutdownNow();
        datasets.values().forEach(Dataset::close);
        if (Files.exists(scratch())) {
            try (Stream<Path> s = Files.walk(scratch())) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }
}
