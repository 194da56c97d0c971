package org.pacscluster.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.pacscluster.io.BuildInfo;

/**
 * The output folder of a job, on any Hadoop file system: one Parquet table per sub-folder, each committed by Spark's
 * output committer (a table is either complete, with its {@code _SUCCESS}, or absent), and last the folder's
 * {@value Inputs#SUCCESS} marker (a JSON summary) once every table is in place. A folder without the marker is the
 * remains of a failed run; it is refused unless the user asks to overwrite it.
 */
final class JobOutput {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SparkSession spark;
    private final Path root;
    private final FileSystem fs;
    private final Map<String, Object> summary = new LinkedHashMap<>();

    private JobOutput(SparkSession spark, Path root, FileSystem fs) {
        this.spark = spark;
        this.root = root;
        this.fs = fs;
    }

    /** Claims {@code location} for a job's output: it must not exist, unless {@code overwrite} (then it is removed). */
    static JobOutput create(SparkSession spark, String location, boolean overwrite) throws IOException {
        Path root = new Path(location);
        FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (fs.exists(root)) {
            if (!overwrite) {
                String what = fs.exists(new Path(root, Inputs.SUCCESS)) ? "holds a complete job output"
                        : "exists (perhaps from a failed run)";
                throw new IllegalArgumentException(location + " " + what + "; choose a new --out or add --overwrite");
            }
            fs.delete(root, true);
        }
        return new JobOutput(spark, root, fs);
    }

    /** Writes {@code rows} as the Parquet table {@code name} and returns how many rows it holds. */
    long write(String name, Dataset<Row> rows) {
        String path = new Path(root, name).toString();
        rows.write().parquet(path);
        // counted from the written files (Parquet footers), not by computing the rows again
        long n = spark.read().parquet(path).count();
        summary.put(name, n);
        return n;
    }

    /** Adds an entry to the summary written with the marker. */
    void note(String key, Object value) { summary.put(key, value); }

    /** Writes the marker: the output is complete. */
    void finish(String job) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job", job);
        m.put("tool", BuildInfo.tool());
        m.put("spark", spark.version());
        m.put("finished", java.time.Instant.now().toString());
        m.putAll(summary);
        Path tmp = new Path(root, "." + Inputs.SUCCESS + ".tmp");
        try (OutputStream out = fs.create(tmp, true)) {
            out.write((JSON.writeValueAsString(m) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        // a rename is atomic on HDFS and local disks; on object stores the marker appears whole either way
        if (!fs.rename(tmp, new Path(root, Inputs.SUCCESS))) throw new IOException("cannot write " + Inputs.SUCCESS + " in " + root);
    }

    String location() { return root.toString(); }
}
