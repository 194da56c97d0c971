package org.pacscluster.spark;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.pacscluster.cli.PacsOptionsMixin;
import org.pacscluster.pacs.PacsSourceOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pacscluster spark ingest}: DICOM files (any Hadoop path) or a PACS → a Parquet dataset: {@code images}
 * (id, source, UIDs, tags, MOD/AR labels, preprocessed pixels as the single-JVM dataset stores them) and
 * {@code rejected} (file, reason), with the same pixels, labels and ids as {@code pacscluster ingest} of the same
 * files. There is no train/test split: a Spark dataset is the input of predict, audit and fit.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Decode and preprocess DICOM files or a PACS on Spark into a Parquet dataset (tables images and"
                + " rejected under OUT), as 'pacscluster ingest' does on one machine."},
        footer = {"", "Examples:", "  pacscluster spark ingest /archive/export --size 256 --out work/archive.parquet",
                "  spark-submit ... --class org.pacscluster.spark.SparkMain pacscluster-spark.jar ingest "
                        + "s3a://bucket/dicom/ --out s3a://bucket/pacscluster/archive"})
public final class IngestJob implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "SOURCE",
            description = "DICOM folders or files (local, hdfs://, s3a://, ...), or one dicomweb+http(s)://HOST/ROOT PACS")
    List<String> sources;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (Parquet tables), must not exist")
    String out;

    @Option(names = "--size", defaultValue = "256", description = "image side S after preprocessing (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--bits", defaultValue = "8", description = "bits per stored pixel, 8 or 16 (default: ${DEFAULT-VALUE})")
    int bits;

    @Option(names = "--vocabulary", paramLabel = "FILE",
            description = "region vocabulary replacing the built-in one (a path every executor can read)")
    String vocabulary;

    @Option(names = "--frame", defaultValue = "middle", description = "frame of multi-frame images: middle, first or an index (default: ${DEFAULT-VALUE})")
    String frame;

    @Option(names = "--overwrite", description = "replace OUT if it exists")
    boolean overwrite;

    @Mixin
    SparkOptions spark = new SparkOptions();

    @Mixin
    PacsOptionsMixin pacs = new PacsOptionsMixin();

    @Override
    public Integer call() throws Exception {
        Decoding decoding = new Decoding(size, bits, vocabulary, frame);
        long t0 = System.nanoTime();
        try (SparkOptions.Session session = spark.session("ingest")) {
            SparkSession s = session.spark();
            Counts c = run(s, sources, decoding, pacs.toOptions(), spark.partitions, out, overwrite, FaultHook.NONE);
            System.out.printf(Locale.ROOT, "ingested %d images (%d rejected) in %.1f s on %s; written to %s%n",
                    c.images(), c.rejected(), (System.nanoTime() - t0) / 1e9, s.sparkContext().master(), out);
        }
        return 0;
    }

    /** How many rows each table got. */
    record Counts(long images, long rejected) {}

    /** The job: decode {@code sources} and write the two tables and the marker under {@code out}. */
    static Counts run(SparkSession s, List<String> sources, Decoding decoding, PacsSourceOptions pacs, int partitions,
                      String out, boolean overwrite, FaultHook hook) throws Exception {
        JobOutput o = JobOutput.create(s, out, overwrite);
        Inputs.Images in = Inputs.open(s, sources, decoding, pacs, partitions, hook);
        if (in.rejected() == null) {
            throw new IllegalArgumentException(sources.get(0) + " is a dataset already; ingest reads DICOM files or a PACS");
        }
        try {
            long images = o.write(Inputs.IMAGES_TABLE, in.images());
            long rejected = o.write(Inputs.REJECTED_TABLE, in.rejected());
            o.note("source", in.describe());
            o.note("image_size", decoding.imageSize());
            o.note("bits_per_pixel", decoding.bits());
            o.finish("ingest");
            return new Counts(images, rejected);
        } finally {
            in.release();
        }
    }
}
