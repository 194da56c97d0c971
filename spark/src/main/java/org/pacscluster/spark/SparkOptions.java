package org.pacscluster.spark;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** Where a job runs: the options every {@code pacscluster spark} command shares, and the session they give. */
public final class SparkOptions {
    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[N], spark://HOST:PORT, yarn, k8s://... (default: the one spark-submit"
                    + " gives, else local[*], an embedded Spark in this JVM)")
    String master;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "tasks the decoding is split into (default: 4 per core of the cluster)")
    int partitions;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "a Spark setting, repeatable (e.g. --conf spark.executor.memory=4g)")
    Map<String, String> conf = new LinkedHashMap<>();

    /**
     * Starts (or joins, under spark-submit) the session. A local master binds to 127.0.0.1 and has no web UI:
     * a laptop run needs no network set-up.
     */
    Session session(String job) {
        boolean running = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
        return new Session(start(job), !running);
    }

    /** A session, and whether this command started it (and so stops it at the end). */
    record Session(SparkSession spark, boolean owned) implements AutoCloseable {
        @Override
        public void close() { if (owned) spark.stop(); }
    }

    private SparkSession start(String job) {
        SparkSession.Builder b = SparkSession.builder().appName("pacscluster " + job);
        String m = master != null ? master : System.getProperty("spark.master") == null ? "local[*]" : null;
        if (m != null) b.master(m);
        String effective = m != null ? m : System.getProperty("spark.master");
        if (effective.startsWith("local")) {
            b.config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1");
        }
        conf.forEach(b::config);
        SparkSession s = b.getOrCreate();
        s.sparkContext().setLogLevel("WARN");
        return s;
    }

    /**
     * Engine threads per executor when the user gives none: the cores of a local master, else
     * {@code spark.executor.cores} (0 = the engine's default, every core the executor's machine has).
     */
    static int engineThreads(SparkSession s, int given) {
        if (given > 0) return given;
        String master = s.sparkContext().master().toLowerCase(Locale.ROOT);
        if (master.equals("local") || master.startsWith("local[")) return s.sparkContext().defaultParallelism();
        return s.sparkContext().getConf().getInt("spark.executor.cores", 0);
    }
}
