package org.pacscluster.pacs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.SharedData;
import org.pacscluster.cli.Main;
import org.pacscluster.io.Csv;

/**
 * {@code spark predict} on a real PACS (Orthanc holding ../shared/data/dicom, over DICOMweb; local[2]) gives the ids
 * and clusters of the single-JVM {@code predict} of the same files, with the credentials only in a config file
 * (never on the command line) and nowhere in the output. In local mode the executors are this JVM, so the config
 * file the driver names is the one they read.
 */
class SparkDicomWebTest {
    @TempDir
    static Path tmp;
    static OrthancServer orthanc;
    static SparkSession spark;

    @BeforeAll
    static void setUp() throws Exception {
        OrthancServer.assumeInstalled();
        orthanc = OrthancServer.start(tmp.resolve("orthanc"));
        orthanc.uploadFolder(SharedData.data("dicom"));
        spark = SparkSession.builder().appName("pacscluster-test").master("local[2,4]")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (spark != null) spark.stop();
        if (orthanc != null) orthanc.close();
    }

    @Test
    void predictFromThePacsEqualsTheSingleJvmPredictOfTheFiles() throws Exception {
        Path dataset = tmp.resolve("dicom-ds"), model = tmp.resolve("model-pca"), csv = tmp.resolve("single.csv");
        cli("ingest", SharedData.data("dicom").toString(), "--size", "32", "--threads", "2", "--out", dataset.toString());
        cli("train", "--dataset", dataset.toString(), "--method", "pca", "--k", "4", "--kmeans-init", "2", "--threads",
                "1", "--out", model.toString());
        cli("predict", "--model", model.toString(), SharedData.data("dicom").toString(), "--threads", "1", "--out",
                csv.toString());

        Path cfg = tmp.resolve("reader.properties");
        Files.writeString(cfg, "user=" + OrthancServer.USER + "\npassword=" + orthanc.password() + "\n");
        String out = tmp.resolve("spark-pacs").toString();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream oldOut = System.out, oldErr = System.err;
        int exit;
        System.setOut(new PrintStream(text, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(text, true, StandardCharsets.UTF_8));
        try {
            exit = Main.run("spark", "predict", "--model", model.toString(), "dicomweb+" + orthanc.dicomWebRoot(),
                    "--pacs-config", cfg.toString(), "--parallel", "3", "--out", out);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String printed = text.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, printed);

        Map<String, Integer> single = new HashMap<>();
        Csv.Table t = Csv.read(csv);
        for (List<String> r : t.rows()) single.put(r.get(t.column("id")), Integer.parseInt(r.get(t.column("cluster"))));
        Map<String, Integer> fromPacs = new HashMap<>();
        for (Row r : spark.read().parquet(out + "/assignments").collectAsList()) {
            assertEquals(null, fromPacs.put(r.getAs("id"), r.getInt(r.fieldIndex("cluster"))), "duplicate id");
        }
        System.out.printf("spark predict from DICOMweb: %d ids, single-JVM predict of the files: %d ids%n",
                fromPacs.size(), single.size());
        assertTrue(single.size() >= 40, "many images: " + single.size());
        assertEquals(single.keySet(), fromPacs.keySet(), "same ids");
        assertEquals(single, fromPacs, "same clusters");

        List<String> secrets = List.of(orthanc.password(), Base64.getEncoder().encodeToString(
                (OrthancServer.USER + ":" + orthanc.password()).getBytes(StandardCharsets.UTF_8)));
        List<String> texts = new ArrayList<>(List.of(printed));
        try (Stream<Path> files = Files.walk(Path.of(out))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                texts.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        for (String s : texts) for (String secret : secrets) assertFalse(s.contains(secret), "a secret leaked");
    }

    private static void cli(String... args) {
        int code = Main.run(args);
        if (code != 0) throw new AssertionError("pacscluster " + String.join(" ", args) + " exited " + code);
    }
}
