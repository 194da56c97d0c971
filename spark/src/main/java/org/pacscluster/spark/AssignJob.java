package org.pacscluster.spark;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.pacscluster.cli.PacsOptionsMixin;
import org.pacscluster.pacs.PacsSourceOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.pacscluster.audit.TagAudit;
import org.pacscluster.method.Novelty;
import org.pacscluster.method.ClusteringModel;
import org.pacscluster.cluster.Assignments;
import org.pacscluster.dataset.ImageRecord;
import org.pacscluster.dataset.Split;
import org.pacscluster.evaluate.ClusterMakeup;
import org.pacscluster.progress.Progress;

/**
 * {@code predict} and {@code audit} per partition: the partition's images become a small in-memory dataset
 * ({@link org.pacscluster.dataset.Dataset#inMemory}) in batches, and the executor's copy of the model assigns them
 * with the core's {@code ClusteringModel.assign} — the same call, on the same pixels, as the single-JVM commands —
 * and the audit applies the core's {@link TagAudit} to them.
 */
final class AssignJob {
    /** Images per call to the model: bounds a task's memory whatever the partition's size. */
    static final int BATCH = 512;

    private AssignJob() {}

    /** One row of {@link Schemas#ASSIGNMENTS} per image. */
    static Dataset<Row> predict(Dataset<Row> images, ShippedModel model, FaultHook hook) {
        return images.mapPartitions(perBatch(model, hook, false), Encoders.row(Schemas.ASSIGNMENTS));
    }

    /**
     * The findings of {@link TagAudit}, in its order (most confident first, then the higher probability, then id and
     * tag), as {@code pacscluster audit}.
     */
    static Dataset<Row> audit(Dataset<Row> images, ShippedModel model, FaultHook hook) {
        return images.mapPartitions(perBatch(model, hook, true), Encoders.row(Schemas.FINDINGS))
                .orderBy(functions.col("confidence").desc(), functions.col("probability").desc(), functions.col("id"),
                        functions.col("tag"));
    }

    private static MapPartitionsFunction<Row, Row> perBatch(ShippedModel model, FaultHook hook, boolean audit) {
        return it -> {
            hook.check();
            List<Row> out = new ArrayList<>();
            List<Row> batch = new ArrayList<>(BATCH);
            while (it.hasNext()) {
                batch.add(it.next());
                if (batch.size() == BATCH || !it.hasNext()) {
                    out.addAll(assign(batch, model, audit));
                    batch.clear();
                }
            }
            return out.iterator();
        };
    }

    private static List<Row> assign(List<Row> batch, ShippedModel model, boolean audit) throws Exception {
        try (org.pacscluster.dataset.Dataset data = inMemory(batch)) {
            int[] rows = allRows(data);
            return model.apply(m -> {
                ClusteringModel.Placement placed = m.place(data, rows, Progress.NONE);
                Assignments a = placed.assignments();
                // novelty as the single-JVM predict/audit decide it, at the default quantile
                double[] distances = Novelty.distances(placed.embedding(), placed.clusters(), m.centres());
                Novelty novelty = m.card().novelty();
                double threshold = novelty == null ? Double.NaN : novelty.threshold(Novelty.DEFAULT_LEVEL);
                List<ClusterMakeup> clusters = m.card().clusters();
                List<Row> out = new ArrayList<>();
                if (audit) {
                    for (TagAudit.Finding f : TagAudit.audit(data, rows, a, clusters, i -> distances[i] > threshold)) {
                        out.add(RowFactory.create(f.id(), f.source(), f.tag(), f.current(), f.suggested(), f.reason(),
                                f.confidence(), f.cluster(), f.probability(), f.purity()));
                    }
                } else {
                    for (int i = 0; i < rows.length; i++) {
                        ImageRecord r = data.record(i);
                        ClusterMakeup c = clusters.get(a.clusters()[i]);
                        out.add(RowFactory.create(r.id(), r.source(), a.clusters()[i], a.probabilities()[i],
                                c.modality(), c.region(), r.modality(), r.region(), distances[i],
                                novelty == null ? null : distances[i] > threshold));
                    }
                }
                return out;
            });
        }
    }

    /**
     * A batch of {@link Schemas#IMAGES} rows as the in-memory dataset the core's models and embedders read: the
     * same records and stored levels a dataset folder would give them.
     */
    static org.pacscluster.dataset.Dataset inMemory(List<Row> batch) {
        int size = batch.get(0).getInt(batch.get(0).fieldIndex("image_size"));
        int bits = batch.get(0).getInt(batch.get(0).fieldIndex("bits_per_pixel"));
        List<ImageRecord> records = new ArrayList<>(batch.size());
        ByteBuffer levels = ByteBuffer.allocate(batch.size() * size * size * bits / 8);
        for (Row r : batch) {
            if (r.getInt(r.fieldIndex("image_size")) != size || r.getInt(r.fieldIndex("bits_per_pixel")) != bits) {
                throw new IllegalArgumentException("images of different sizes in one table");
            }
            records.add(new ImageRecord(records.size(), r.getAs("id"), r.getAs("source"), r.getAs("modality"),
                    r.getAs("region"), Split.TRAIN, r.getAs("body_part_examined"), r.getAs("study_description"),
                    r.getAs("series_description")));
            levels.put((byte[]) r.getAs("pixels"));
        }
        return org.pacscluster.dataset.Dataset.inMemory(size, bits, records, levels.array());
    }

    /** 0, 1, ..., size − 1: every row of a batch. */
    static int[] allRows(org.pacscluster.dataset.Dataset data) {
        return java.util.stream.IntStream.range(0, data.size()).toArray();
    }

    /** The options of predict and audit: a model, SOURCEs, an output folder, where the engine runs. */
    abstract static class ModelJobCommand implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "MODEL",
                description = "model folder of any method (from train, an experiment or spark fit), on the driver")
        Path model;

        @Parameters(arity = "1..*", paramLabel = "SOURCE",
                description = "the output of 'spark ingest', a dataset folder, DICOM folders/files (local, hdfs://,"
                        + " s3a://) or one dicomweb+http(s)://HOST/ROOT PACS")
        List<String> sources;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (Parquet tables), must not exist")
        String out;

        @Option(names = "--engine-threads", paramLabel = "N", defaultValue = "0",
                description = "deep-learning engine threads per executor (default: the cores of a local master, else"
                        + " spark.executor.cores, else all the executor's machine has)")
        int engineThreads;

        @Option(names = "--device", defaultValue = "auto", description = "deep-learning device on the executors: auto, cpu, gpu or gpu:N (default ${DEFAULT-VALUE})")
        String device;

        @Option(names = "--vocabulary", paramLabel = "FILE", description = "region vocabulary for DICOM sources (a path every executor can read)")
        String vocabulary;

        @Option(names = "--frame", defaultValue = "middle", description = "frame of multi-frame images (default: ${DEFAULT-VALUE})")
        String frame;

        @Option(names = "--overwrite", description = "replace OUT if it exists")
        boolean overwrite;

        @Mixin
        SparkOptions spark = new SparkOptions();

        @Mixin
        PacsOptionsMixin pacs = new PacsOptionsMixin();

        abstract boolean audit();

        @Override
        public Integer call() throws Exception {
            String job = audit() ? "audit" : "predict";
            long t0 = System.nanoTime();
            try (SparkOptions.Session session = spark.session(job)) {
                SparkSession s = session.spark();
                Settings settings = new Settings(model, engineThreads, device, vocabulary, frame, spark.partitions);
                Result r = run(s, sources, settings, pacs.toOptions(), out, overwrite, audit(), FaultHook.NONE);
                System.out.printf(Locale.ROOT, "%s: %d images (%d rejected) -> %d %s rows in %.1f s on %s; written to %s%n",
                        job, r.images(), r.rejected(), r.rows(), audit() ? "finding" : "assignment",
                        (System.nanoTime() - t0) / 1e9, s.sparkContext().master(), out);
            } finally {
                ShippedModel.releaseAll();
            }
            return 0;
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Assign images to the clusters of a saved model on Spark, as 'pacscluster predict' does: table"
                    + " assignments (id, source, cluster, probability, cluster_modality, cluster_region, modality, region,"
                    + " distance, novel)"
                    + " and, for decoded sources, rejected."},
            footer = {"", "Example:", "  pacscluster spark predict --model work/model-cidec work/archive.parquet --out work/assigned"})
    static final class PredictCommand extends ModelJobCommand {
        @Override boolean audit() { return false; }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"The tag audit on Spark, as 'pacscluster audit': table findings (id, source, tag, current,"
                    + " suggested, reason, confidence, cluster, probability, cluster_purity), most confident first,"
                    + " and, for decoded sources, rejected."},
            footer = {"", "Example:", "  pacscluster spark audit --model work/model-cidec /archive/export --out work/audit"})
    static final class AuditCommand extends ModelJobCommand {
        @Override boolean audit() { return true; }
    }

    /** Where the model is and how the executors run it and decode DICOM for it. */
    record Settings(Path model, int engineThreads, String device, String vocabulary, String frame, int partitions) {}

    /** Images in, rejected entries, rows written. */
    record Result(long images, long rejected, long rows) {}

    /** The job: assign (or audit) the images of {@code sources} with the model, write the tables and the marker. */
    static Result run(SparkSession s, List<String> sources, Settings settings, PacsSourceOptions pacs, String out,
                      boolean audit, FaultHook hook) throws Exception {
        return run(s, sources, settings, pacs, out, false, audit, hook);
    }

    static Result run(SparkSession s, List<String> sources, Settings settings, PacsSourceOptions pacs, String out,
                      boolean overwrite, boolean audit, FaultHook hook) throws Exception {
        int threads = SparkOptions.engineThreads(s, settings.engineThreads());
        ShippedModel model = ShippedModel.ship(new JavaSparkContext(s.sparkContext()), settings.model(), threads,
                settings.device());
        int size = model.card().preprocessing().imageSize();
        JobOutput o = JobOutput.create(s, out, overwrite);
        Inputs.Images in = Inputs.open(s, sources, new Decoding(size, 8, settings.vocabulary(), settings.frame()), pacs,
                settings.partitions(), hook);
        try {
            requireImageSize(in, size, sources.get(0));
            long rows = audit ? o.write("findings", audit(in.images(), model, hook))
                    : o.write("assignments", predict(in.images(), model, hook));
            long rejected = in.rejected() == null ? 0 : o.write(Inputs.REJECTED_TABLE, in.rejected());
            long images = audit ? in.images().count() : rows;
            o.note("source", in.describe());
            o.note("model", settings.model().toAbsolutePath().toString());
            o.note("method", model.card().method().id());
            o.note("images", images);
            o.note("engine_threads", threads);
            o.finish(audit ? "audit" : "predict");
            return new Result(images, rejected, rows);
        } finally {
            in.release();
        }
    }

    /** A dataset of another image size than the model's is refused up front, as the single-JVM commands do. */
    private static void requireImageSize(Inputs.Images in, int size, String source) {
        if (in.rejected() != null) return;          // decoded at the model's size
        for (Row r : in.images().select("image_size").distinct().collectAsList()) {
            if (r.getInt(0) != size) {
                throw new IllegalArgumentException("dataset " + source + " has " + r.getInt(0) + "² images but the model"
                        + " was made for " + size + "²; ingest it again at size " + size);
            }
        }
    }
}
