package org.pacscluster.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.SharedData;
import org.pacscluster.cli.Main;
import org.pacscluster.pacs.PacsSourceOptions;

/**
 * Faults: a task that throws (once) is retried by Spark and the output is complete — every id once, none missing;
 * bad files land in the rejected table with their reasons and the job goes on; bad input on the command line is a
 * one-line error with a non-zero exit.
 */
class SparkFaultTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path files, model;
    // counts the injected failures; the hook runs in this JVM (local master)
    static final AtomicInteger FAILED = new AtomicInteger();
    static int FILES_IN;

    @BeforeAll
    static void prepare() throws Exception {
        spark = LocalSpark.start(2);
        // the shared DICOM folder's files (flattened) + a truncated copy of one + a text file
        files = tmp.resolve("dicom");
        Files.createDirectories(files);
        List<Path> real;
        try (Stream<Path> s = Files.walk(SharedData.data("dicom"))) {
            real = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
        for (int i = 0; i < real.size(); i++) Files.copy(real.get(i), files.resolve(String.format("f%03d.dcm", i)));
        FILES_IN = real.size() + 2;
        byte[] whole = Files.readAllBytes(SharedData.data("dicom/pydicom-testfiles/CT_small.dcm"));
        Files.write(files.resolve("truncated.dcm"), java.util.Arrays.copyOf(whole, Math.min(whole.length, 400)));
        Files.writeString(files.resolve("notes.txt"), "not a DICOM file\n");
        Path ds = tmp.resolve("ds");
        LocalSpark.cli("ingest", files.toString(), "--size", "32", "--threads", "2", "--out", ds.toString());
        model = tmp.resolve("model");
        LocalSpark.cli("train", "--dataset", ds.toString(), "--method", "hog", "--k", "4", "--kmeans-init", "1",
                "--threads", "1", "--out", model.toString());
    }

    @AfterAll
    static void stop() {
        ShippedModel.releaseAll();
        if (spark != null) spark.stop();
    }

    @Test
    void aTaskThatThrowsIsRetriedAndTheOutputHasEveryIdOnce() throws Exception {
        Path csv = tmp.resolve("single.csv");
        LocalSpark.cli("predict", "--model", model.toString(), files.toString(), "--threads", "1", "--out", csv.toString());
        Set<String> expected = LocalSpark.fromCsv(csv).keySet();
        String out = tmp.resolve("retried").toString();
        // partition 1 fails on its first attempt, in decoding and again in the model's stage
        FaultHook once = (partition, attempt) -> {
            if (partition == 1 && attempt == 0) {
                FAILED.incrementAndGet();
                throw new IllegalStateException("injected failure of partition 1, attempt 0");
            }
        };
        AssignJob.Result r = AssignJob.run(spark, List.of(files.toString()),
                new AssignJob.Settings(model, 1, "cpu", null, "middle", 4), PacsSourceOptions.NONE, out, false, once);
        List<Row> rows = spark.read().parquet(out + "/assignments").collectAsList();
        Set<String> ids = new HashSet<>();
        int duplicates = 0;
        for (Row row : rows) if (!ids.add(row.getAs("id"))) duplicates++;
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(ids);
        List<Row> rejected = spark.read().parquet(out + "/rejected").collectAsList();
        System.out.printf(Locale.ROOT, "fault test: %d files in, %d injected task failures (retried), %d rows out,"
                + " %d distinct ids, %d duplicates, %d missing, %d rejected%n", FILES_IN, FAILED.get(), rows.size(),
                ids.size(), duplicates, missing.size(), rejected.size());
        assertTrue(FAILED.get() >= 1, "the fault was injected");
        assertEquals(0, duplicates);
        assertEquals(expected, ids);
        assertEquals(expected.size(), r.rows());
        Set<String> rejectedFiles = new HashSet<>();
        for (Row row : rejected) rejectedFiles.add(Path.of(row.getString(0)).getFileName().toString());
        assertTrue(rejectedFiles.containsAll(Set.of("truncated.dcm", "notes.txt")), rejectedFiles.toString());
        assertTrue(Files.exists(Path.of(out, Inputs.SUCCESS)));
    }

    @Test
    void badInputIsAOneLineErrorWithANonZeroExit() throws Exception {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        int missingSource, existingOut;
        Path out = tmp.resolve("exists");
        Files.createDirectories(out);
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            missingSource = Main.run("spark", "predict", "--model", model.toString(), tmp.resolve("nowhere").toString(),
                    "--out", tmp.resolve("o1").toString());
            existingOut = Main.run("spark", "ingest", files.toString(), "--out", out.toString());
        } finally {
            System.setErr(old);
        }
        String text = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, missingSource, text);
        assertEquals(1, existingOut, text);
        List<String> errors = text.lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(2, errors.size(), text);
        assertTrue(errors.get(0).contains("source not found"), errors.get(0));
        assertTrue(errors.get(1).contains("choose a new --out"), errors.get(1));
        assertTrue(text.lines().noneMatch(l -> l.trim().startsWith("at ")), "no stack trace: " + text);
    }
}
