package org.pacscluster.spark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.pacscluster.cli.Main;
import org.pacscluster.io.Csv;

/** The embedded Spark of the tests, and helpers to compare its tables with the single-JVM CSVs. */
final class LocalSpark {
    private LocalSpark() {}

    /** A local master with {@code threads} task slots; a failed task is retried up to 3 times (local[N,4]). */
    static SparkSession start(int threads) {
        return SparkSession.builder().appName("pacscluster-test").master("local[" + threads + ",4]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }

    /** Runs the CLI in this JVM and requires exit code 0. */
    static void cli(String... args) {
        int code = Main.run(args);
        if (code != 0) throw new AssertionError("pacscluster " + String.join(" ", args) + " exited " + code);
    }

    /** One assignment: cluster and probability. */
    record Assigned(int cluster, double probability, String clusterModality, String clusterRegion) {}

    /** The rows of a predict CSV by id. */
    static Map<String, Assigned> fromCsv(java.nio.file.Path csv) throws java.io.IOException {
        Csv.Table t = Csv.read(csv);
        Map<String, Assigned> out = new HashMap<>();
        for (List<String> r : t.rows()) {
            if (out.put(r.get(t.column("id")), new Assigned(Integer.parseInt(r.get(t.column("cluster"))),
                    Double.parseDouble(r.get(t.column("probability"))), r.get(t.column("cluster_modality")),
                    r.get(t.column("cluster_region")))) != null) {
                throw new AssertionError("duplicate id in " + csv);
            }
        }
        return out;
    }

    /** The rows of an assignments table by id; a duplicate id fails. */
    static Map<String, Assigned> fromTable(SparkSession s, String table) {
        Map<String, Assigned> out = new HashMap<>();
        for (Row r : s.read().parquet(table).collectAsList()) {
            Assigned a = new Assigned(r.getInt(r.fieldIndex("cluster")), r.getFloat(r.fieldIndex("probability")),
                    r.getAs("cluster_modality"), r.getAs("cluster_region"));
            if (out.put(r.getAs("id"), a) != null) throw new AssertionError("duplicate id " + r.getAs("id") + " in " + table);
        }
        return out;
    }
}
