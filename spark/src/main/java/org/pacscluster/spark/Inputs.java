package org.pacscluster.spark;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import org.pacscluster.dataset.DatasetManifest;
import org.pacscluster.dataset.DatasetWriter;
import org.pacscluster.dataset.ImageRecord;
import org.pacscluster.pacs.DicomWebSource;
import org.pacscluster.pacs.InstanceRef;
import org.pacscluster.pacs.PacsConfig;
import org.pacscluster.pacs.PacsConfigLoader;
import org.pacscluster.pacs.PacsSourceOptions;
import org.pacscluster.source.LoadedImage;
import org.pacscluster.source.RejectedImageException;

/**
 * Turns the SOURCE arguments of a job into a table of preprocessed images ({@link Schemas#IMAGES}) and, for sources
 * that are decoded, a table of rejected entries ({@link Schemas#REJECTED}). SOURCE is one of:
 * <ul>
 *   <li>the output folder of {@code spark ingest} (its {@code images} table is read as it is);</li>
 *   <li>a dataset folder of the single-JVM {@code ingest} (on a file system every executor sees);</li>
 *   <li>{@code dicomweb+http(s)://HOST/ROOT}: the QIDO-RS instance list is made on the driver and split across
 *       partitions; each executor retrieves with WADO-RS, at most the PACS setting's parallel downloads at once;</li>
 *   <li>otherwise DICOM files: folders (recursive) or files on any Hadoop path ({@code /local}, {@code file:},
 *       {@code hdfs://}, {@code s3a://}); the listing is Spark's {@code binaryFile} source, the bytes are read by the
 *       task that decodes them.</li>
 * </ul>
 * Decoded entries with the same id are resolved as the single-JVM ingest does: the first file (by key) keeps it,
 * the others are rejected as duplicates.
 */
final class Inputs {
    /** The marker a completed job output holds; a folder without it is not read as a Spark dataset. */
    static final String SUCCESS = "_PACSCLUSTER_SUCCESS";
    static final String IMAGES_TABLE = "images";
    static final String REJECTED_TABLE = "rejected";

    private Inputs() {}

    /**
     * The images, and the rejected entries (null when nothing was decoded).
     *
     * @param describe what the source was, for the output's summary (no credentials)
     */
    record Images(Dataset<Row> images, Dataset<Row> rejected, String describe, Dataset<Row> kept) {
        Images(Dataset<Row> images, String describe) { this(images, null, describe, null); }

        /** Frees what the job kept of the decoded entries. */
        void release() { if (kept != null) kept.unpersist(false); }
    }

    /** What a PACS source needs on the executors; no credentials (each executor reads its own environment/file). */
    record PacsSpec(String location, LinkedHashMap<String, String> filters, long limit, String configFile,
                    String caFile, Integer parallel) implements Serializable {
        static PacsSpec of(String location, PacsSourceOptions o) {
            return new PacsSpec(location, new LinkedHashMap<>(o.filters()), o.limit(),
                    o.configFile() == null ? null : o.configFile().toString(),
                    o.caFile() == null ? null : o.caFile().toString(), o.parallel());
        }

        PacsConfig config() throws IOException {
            return new PacsSourceOptions(filters, limit, configFile == null ? null : Path.of(configFile),
                    caFile == null ? null : Path.of(caFile), parallel).toConfig(location, System.getenv());
        }
    }

    /**
     * Opens {@code sources} (all of one kind). {@code partitions} (0 = four per core of the cluster) splits the
     * decoding work; the tables of a Spark dataset keep their own partitioning.
     */
    static Images open(SparkSession spark, List<String> sources, Decoding decoding, PacsSourceOptions pacs,
                       int partitions, FaultHook hook) throws IOException {
        if (sources.isEmpty()) throw new IllegalArgumentException("no SOURCE given");
        int parts = partitions > 0 ? partitions : 4 * spark.sparkContext().defaultParallelism();
        String first = sources.get(0);
        boolean pacsSource = PacsConfigLoader.isPacsSource(first);
        if (!pacsSource && pacs.anyGiven()) {
            throw new IllegalArgumentException("the PACS settings (query keys, instance limit, config file, CA file,"
                    + " parallel downloads) apply only to a dicomweb+http(s)://HOST/ROOT source");
        }
        if (sources.size() > 1 && (pacsSource || isSparkDataset(spark, first) || isDatasetFolder(first))) {
            throw new IllegalArgumentException("give one SOURCE when it is a PACS or a dataset; several are allowed for"
                    + " DICOM files and folders only");
        }
        if (pacsSource) return fromPacs(spark, PacsSpec.of(first, pacs), decoding, parts, hook);
        if (isSparkDataset(spark, first)) {
            return new Images(spark.read().schema(Schemas.IMAGES).parquet(first + "/" + IMAGES_TABLE), first);
        }
        if (isDatasetFolder(first)) return fromDatasetFolder(spark, Path.of(first), parts, hook);
        return fromFiles(spark, sources, decoding, parts, hook);
    }

    /** Whether {@code location} is the complete output of {@code spark ingest}. */
    static boolean isSparkDataset(SparkSession spark, String location) throws IOException {
        org.apache.hadoop.fs.Path marker = new org.apache.hadoop.fs.Path(location, SUCCESS);
        FileSystem fs = marker.getFileSystem(spark.sparkContext().hadoopConfiguration());
        return fs.exists(marker) && fs.exists(new org.apache.hadoop.fs.Path(location, IMAGES_TABLE));
    }

    private static boolean isDatasetFolder(String location) {
        try {
            return !location.contains("://") && Files.isRegularFile(Path.of(location).resolve(DatasetManifest.FILE));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** DICOM files: the listing (paths only, no content) is spread over {@code parts} tasks that read and decode. */
    private static Images fromFiles(SparkSession spark, List<String> sources, Decoding decoding, int parts,
                                    FaultHook hook) throws IOException {
        for (String s : sources) {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(s);
            if (!p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p)) {
                throw new IllegalArgumentException("source not found: " + s);
            }
        }
        Dataset<Row> paths = spark.read().format("binaryFile").option("recursiveFileLookup", "true")
                .load(sources.toArray(String[]::new)).select("path")
                .filter(functions.upper(functions.element_at(functions.split(col("path"), "/"), -1)).notEqual("DICOMDIR"));
        Broadcast<SerializableConfiguration> hadoop = new JavaSparkContext(spark.sparkContext())
                .broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
        MapPartitionsFunction<Row, Row> decode = it -> {
            hook.check();
            List<Row> out = new ArrayList<>();
            while (it.hasNext()) {
                String uri = it.next().getString(0);
                String key = localPathOr(uri);
                byte[] content;
                try {
                    content = read(uri, hadoop.value());
                } catch (IOException e) {
                    // unreadable now: fail the task so that Spark retries it, as the single-JVM ingest retries on a re-run
                    throw new IOException("cannot read " + key + ": " + e.getMessage(), e);
                }
                out.add(content == null ? Decoding.rejected(key, "larger than 2 GB") : decoding.decodeFile(key, content));
            }
            return out.iterator();
        };
        Dataset<Row> decoded = paths.repartition(parts).mapPartitions(decode, Encoders.row(Schemas.DECODED));
        return split(decoded, String.join(", ", sources));
    }

    /** The bytes of a file on any Hadoop file system, or null when it is too large for one array. */
    private static byte[] read(String uri, SerializableConfiguration conf) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri);
        FileSystem fs = p.getFileSystem(conf.value());
        if (fs.getFileStatus(p).getLen() > Integer.MAX_VALUE - 16) return null;
        try (InputStream in = fs.open(p)) {
            return in.readAllBytes();
        }
    }

    /** A local file's key is its path, as in the single-JVM ingest; other file systems keep their URI. */
    static String localPathOr(String uri) {
        if (uri.startsWith("file:")) {
            try {
                return Path.of(URI.create(uri)).toString();
            } catch (IllegalArgumentException e) {
                return uri;
            }
        }
        return uri;
    }

    // per executor JVM: the bound on parallel downloads from one PACS, shared by the tasks of that executor
    private static final Map<String, Semaphore> DOWNLOADS = new ConcurrentHashMap<>();

    /** A PACS: the instance list is made on the driver; the tasks retrieve and decode, a bounded number at once. */
    private static Images fromPacs(SparkSession spark, PacsSpec spec, Decoding decoding, int parts, FaultHook hook)
            throws IOException {
        PacsConfig config = spec.config();
        List<String> keys = new ArrayList<>();
        String describe;
        try (DicomWebSource src = DicomWebSource.open(config, decoding.loading())) {
            describe = src.describe();
            for (Iterator<String> it = src.keys(); it.hasNext(); ) keys.add(it.next());
        }
        MapPartitionsFunction<String, Row> retrieve = it -> {
            hook.check();
            List<String> mine = new ArrayList<>();
            it.forEachRemaining(mine::add);
            if (mine.isEmpty()) return java.util.Collections.emptyIterator();
            PacsConfig c = spec.config();
            Semaphore bound = DOWNLOADS.computeIfAbsent(c.root().toString(), k -> new Semaphore(c.parallel()));
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(c.parallel(), mine.size()));
            try (DicomWebSource src = new DicomWebSource(c, decoding.loading())) {
                List<Future<Row>> futures = new ArrayList<>();
                for (String key : mine) {
                    futures.add(pool.submit(() -> {
                        bound.acquire();
                        try {
                            InstanceRef ref = InstanceRef.parse(key);
                            LoadedImage img = src.load(key);
                            return decoding.image(key, img, ref.studyUid(), ref.seriesUid());
                        } catch (RejectedImageException e) {
                            return Decoding.rejected(key, e.reason());
                        } finally {
                            bound.release();
                        }
                    }));
                }
                List<Row> out = new ArrayList<>(futures.size());
                // a network failure that outlived the client's retries fails the task: Spark runs it again
                for (Future<Row> f : futures) out.add(f.get());
                return out.iterator();
            } finally {
                pool.shutdownNow();
            }
        };
        Dataset<Row> decoded = spark.createDataset(keys, Encoders.STRING()).repartition(parts)
                .mapPartitions(retrieve, Encoders.row(Schemas.DECODED));
        return split(decoded, describe);
    }

    /** A single-JVM dataset folder: contiguous row ranges, each read by one task from the folder. */
    private static Images fromDatasetFolder(SparkSession spark, Path dir, int parts, FaultHook hook) throws IOException {
        int n;
        try (org.pacscluster.dataset.Dataset d = org.pacscluster.dataset.Dataset.open(dir)) {
            n = d.size();
        }
        String folder = dir.toAbsolutePath().toString();
        List<Integer> starts = new ArrayList<>();
        int step = Math.max(1, (n + parts - 1) / parts);
        for (int s = 0; s < n; s += step) starts.add(s);
        int chunk = step;
        JavaSparkContext jsc = new JavaSparkContext(spark.sparkContext());
        var rows = jsc.parallelize(starts, Math.max(1, starts.size())).mapPartitions(it -> {
            hook.check();
            List<Row> out = new ArrayList<>();
            try (org.pacscluster.dataset.Dataset d = org.pacscluster.dataset.Dataset.open(Path.of(folder))) {
                int bits = d.manifest().bitsPerPixel(), size = d.imageSize();
                while (it.hasNext()) {
                    int start = it.next();
                    for (int r = start; r < Math.min(d.size(), start + chunk); r++) {
                        ImageRecord rec = d.record(r);
                        // the stored levels, re-encoded from the values the folder gives: q / (2^b - 1) rounds back to q
                        java.nio.ByteBuffer levels = java.nio.ByteBuffer.allocate(d.pixelsPerImage() * bits / 8)
                                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
                        DatasetWriter.encode(d.image(r), bits, levels);
                        out.add(RowFactory.create(rec.id(), rec.source(), null, null, null, rec.modality(),
                                rec.region(), rec.bodyPartExamined(), rec.studyDescription(), rec.seriesDescription(),
                                size, bits, levels.array()));
                    }
                }
            }
            return out.iterator();
        });
        return new Images(spark.createDataFrame(rows, Schemas.IMAGES), folder);
    }

    /**
     * Splits decoded entries into images and rejected entries. The decoded table is kept (memory, then disk) so the
     * two outputs do not decode twice. An id met in several files stays with the first file by key.
     */
    private static Images split(Dataset<Row> decoded, String describe) {
        decoded = decoded.persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> ok = decoded.filter(col("rejected_reason").isNull())
                .withColumn("n", functions.row_number().over(Window.partitionBy("id").orderBy("key")));
        String[] imageColumns = java.util.Arrays.stream(Schemas.IMAGES.fieldNames()).toArray(String[]::new);
        Dataset<Row> images = ok.filter(col("n").equalTo(1)).select(imageColumns[0],
                java.util.Arrays.copyOfRange(imageColumns, 1, imageColumns.length));
        Dataset<Row> duplicates = ok.filter(col("n").gt(1)).select(col("key").as("file"),
                functions.concat(functions.lit("duplicate id "), col("id"), functions.lit(" (an earlier file has it)"))
                        .as("reason"));
        Dataset<Row> rejected = decoded.filter(col("rejected_reason").isNotNull())
                .select(col("key").as("file"), col("rejected_reason").as("reason")).unionByName(duplicates);
        return new Images(images, rejected, describe, decoded);
    }
}
