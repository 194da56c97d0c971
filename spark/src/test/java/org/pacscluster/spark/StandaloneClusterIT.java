package org.pacscluster.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.SharedData;

/**
 * A real cluster: a Spark standalone Master and two Workers on 127.0.0.1, each a separate JVM started from the Maven
 * jars (Spark's own {@code Master}/{@code Worker} classes), and {@code spark-submit} (Spark's {@code SparkSubmit},
 * another JVM) of the packaged job jar. The Workers start executors as further JVMs; one of them is killed with
 * SIGKILL while it runs a task (seen in its thread dump), the driver must report the task lost, and the output must still
 * equal the single-JVM predict: every id once, none missing.
 * Everything has a deadline: a broken executor set-up makes Spark wait forever instead of failing.
 */
class StandaloneClusterIT {
    @TempDir
    static Path tmp;
    static final List<Process> started = new ArrayList<>();

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void theJobJarRunsOnAStandaloneMasterWithTwoWorkersAndSurvivesAKilledExecutor() throws Exception {
        long t0 = System.nanoTime();
        Path dicom = SharedData.data("dicom");
        Path ds = tmp.resolve("ds"), model = tmp.resolve("model"), csv = tmp.resolve("single.csv");
        LocalSpark.cli("ingest", dicom.toString(), "--size", "32", "--threads", "2", "--out", ds.toString());
        LocalSpark.cli("train", "--dataset", ds.toString(), "--method", "cae", "--k", "4", "--kmeans-init", "2",
                "--epochs", "1", "--filters", "16,16", "--latent", "8", "--batch", "16", "--threads", "1", "--device",
                "cpu", "--out", model.toString());
        LocalSpark.cli("predict", "--model", model.toString(), dicom.toString(), "--threads", "1", "--device", "cpu",
                "--out", csv.toString());
        Map<String, LocalSpark.Assigned> expected = LocalSpark.fromCsv(csv);

        String sparkCp = Files.readString(Path.of(System.getProperty("pacscluster.spark.sparkClasspath"))).strip();
        String runtimeCp = Files.readString(Path.of(System.getProperty("pacscluster.spark.runtimeClasspath"))).strip();
        String jobJar = System.getProperty("pacscluster.spark.jobJar");
        assertTrue(Files.isRegularFile(Path.of(jobJar)), "packaged job jar " + jobJar);
        // a Worker builds each executor's command from a Spark home: an empty jars/ folder is enough there
        Path home = tmp.resolve("spark-home");
        Files.createDirectories(home.resolve("jars"));
        long cluster0 = System.nanoTime();
        int port = freePort();
        String master = "spark://127.0.0.1:" + port;
        String clusterCp = sparkCp + File.pathSeparator + runtimeCp;   // slf4j-api is in the runtime list
        Process m = launch("master", clusterCp, home, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort()));
        List<Process> workers = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            workers.add(launch("worker" + i, clusterCp, home, "org.apache.spark.deploy.worker.Worker", master, "--cores",
                    "1", "--memory", "1g", "--host", "127.0.0.1", "--port", "0", "--webui-port",
                    Integer.toString(freePort()), "--work-dir", tmp.resolve("work" + i).toString()));
        }
        waitFor(() -> count(tmp.resolve("master.log"), "Registering worker") >= 2, 90, "2 workers registered");
        long up = System.nanoTime();

        String out = tmp.resolve("assigned").toString();
        Process submit = launch("submit", sparkCp + File.pathSeparator + runtimeCp, home,
                "org.apache.spark.deploy.SparkSubmit", "--master", master, "--class", SparkMain.class.getName(),
                "--conf", "spark.executor.extraClassPath=" + runtimeCp + File.pathSeparator + sparkCp,
                "--conf", "spark.executor.extraJavaOptions=-Dai.djl.offline=true " + System.getProperty("spark.jvm.flags"),
                "--conf", "spark.executorEnv.SPARK_SCALA_VERSION=2.13",
                "--conf", "spark.executorEnv.OMP_WAIT_POLICY=PASSIVE",
                "--conf", "spark.executor.memory=768m",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false",
                jobJar, "predict", "--model", model.toString(), dicom.toString(), "--out", out, "--partitions", "8",
                "--device", "cpu");
        // SIGKILL an executor JVM (a Worker's child) while a thread dump shows it running a task, so that a task is
        // lost for certain and Spark must run it again elsewhere
        ProcessHandle victim = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (submit.isAlive() && victim == null && System.nanoTime() < deadline) {
            for (ProcessHandle e : workers.stream().flatMap(Process::descendants)
                    .filter(p -> commandLine(p).contains("CoarseGrainedExecutorBackend")).toList()) {
                if (runsATask(e)) {
                    e.destroyForcibly();
                    victim = e;
                    break;
                }
            }
            Thread.sleep(100);
        }
        boolean finished = submit.waitFor(240, TimeUnit.SECONDS);
        if (!finished) submit.destroyForcibly();
        String driverLog = Files.readString(tmp.resolve("submit.log"));
        assertTrue(finished, "spark-submit did not finish in time:\n" + tail(driverLog));
        assertEquals(0, submit.exitValue(), "spark-submit failed:\n" + tail(driverLog));
        long done = System.nanoTime();

        Map<String, LocalSpark.Assigned> actual;
        SparkSession reader = LocalSpark.start(1);
        try {
            actual = LocalSpark.fromTable(reader, out + "/assignments");
        } finally {
            reader.stop();
        }
        assertEquals(expected.keySet(), actual.keySet());
        double maxDiff = 0;
        for (var e : expected.entrySet()) {
            assertEquals(e.getValue().cluster(), actual.get(e.getKey()).cluster(), e.getKey());
            maxDiff = Math.max(maxDiff, Math.abs(e.getValue().probability() - actual.get(e.getKey()).probability()));
        }
        assertTrue(maxDiff <= 5e-5 + 1e-6, "probability differs by " + maxDiff);
        assertTrue(Files.exists(Path.of(out, Inputs.SUCCESS)));
        boolean lostTask = driverLog.contains("Lost task") || driverLog.contains("lost executor")
                || driverLog.contains("Lost executor");
        assertTrue(victim != null, "an executor was seen running a task and killed");
        assertTrue(lostTask, "the driver saw the killed executor's task lost (and re-ran it: the output is complete):\n"
                + tail(driverLog));
        System.out.printf(Locale.ROOT, "standalone cluster: master + 2 workers up in %.1f s; spark-submit of %s ran %.1f s;"
                        + " executor %s killed (SIGKILL): %s; driver saw a lost executor/task: %s; %d ids (equal sets),"
                        + " clusters equal, max probability difference %.2e; test %.1f s%n",
                (up - cluster0) / 1e9, Path.of(jobJar).getFileName(), (done - up) / 1e9,
                victim == null ? "-" : Long.toString(victim.pid()), victim != null, lostTask, actual.size(), maxDiff,
                (System.nanoTime() - t0) / 1e9);
        assertTrue(m.isAlive(), "master still up");
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        // the Workers' executors first, then the Workers and the Master: every process this test started
        for (Process p : started) p.descendants().forEach(ProcessHandle::destroyForcibly);
        for (Process p : started) p.destroy();
        for (Process p : started) if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
    }

    /** A JVM with Spark's flags and {@code classpath}, its output in {@code <name>.log}. */
    private static Process launch(String name, String classpath, Path home, String main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xmx512m");
        cmd.addAll(Arrays.asList(System.getProperty("spark.jvm.flags").trim().split("\\s+")));
        cmd.add("-Dai.djl.offline=true");
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(main);
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("DJL_OFFLINE", "true");
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** The full command line (ProcessHandle.Info gives none for command lines as long as a Spark class path). */
    private static String commandLine(ProcessHandle p) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return p.info().commandLine().orElse("");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) { return s.getLocalPort(); }
    }

    private static long count(Path log, String text) {
        try {
            return Files.exists(log) ? Files.readString(log).lines().filter(l -> l.contains(text)).count() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier ok, int seconds, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached in " + seconds + " s: " + what + "\n" + tail(Files.readString(tmp.resolve("master.log"))));
            }
            Thread.sleep(250);
        }
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }




    /**
     * Whether the executor JVM runs a task right now: its thread dump (the JDK's jcmd) has a live "Executor task
     * launch worker" thread. Spark's own log would say so too, but the executors' logging goes to slf4j-nop here.
     */
    private static boolean runsATask(ProcessHandle executor) throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Path jcmd = java.resolveSibling("jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(executor.pid()), "Thread.print")
                .redirectErrorStream(true).start();
        String dump = new String(p.getInputStream().readAllBytes());
        p.waitFor(10, TimeUnit.SECONDS);
        return dump.contains("Executor task launch worker for task");
    }
}
