package org.pacscluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.cli.IngestCommandTest.Run;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.ingest.MedNistSubset;
import org.pacscluster.io.Digests;
import org.pacscluster.io.FolderLock;

/**
 * The output side of the hostile-input suite (issue 13): two writers of one folder, resumes of something else,
 * outputs aimed at inputs, finished results and foreign folders, empty sources, settings that would save nothing
 * trained, and the temporary files a kill leaves. Each case is made on the fly from a few dozen MedNIST images;
 * each refusal must be one line naming the path, exit 1, no stack trace, and leave what was there intact.
 * Separate processes ({@link ChildCli}) where that is the point: a lock held by another process, a kill -9.
 */
class HostileOutputTest {
    @TempDir
    static Path tmp;
    static Path zip, labels, zip2, labels2, dataset;

    @BeforeAll
    static void inputs() throws Exception {
        zip = tmp.resolve("a.zip");
        labels = tmp.resolve("a.csv");
        MedNistSubset.write(zip, labels, 5, Map.of());
        zip2 = tmp.resolve("b.zip");
        labels2 = tmp.resolve("b.csv");
        MedNistSubset.write(zip2, labels2, 4, Map.of());
        dataset = tmp.resolve("ds");
        assertEquals(0, Main.run("ingest", zip.toString(), "--labels", labels.toString(), "--size", "32",
                "--out", dataset.toString()));
    }

    // ---- one writer per folder

    @Test
    void aSecondWriterIsRefusedNamingTheFolderAndTheHolder() throws Exception {
        Path model = tmp.resolve("locked-model");
        long pid = ProcessHandle.current().pid();
        FolderLock held = FolderLock.acquire(model, "test holder");
        try {
            // another process: the OS lock refuses it
            ChildCli.Run child = ChildCli.builder().timeoutSeconds(120).run(tmp, "train", "--dataset", dataset.toString(),
                    "--method", "pca", "--k", "3", "--kmeans-init", "1", "--out", model.toString());
            child.assertOneLineError(model.toString());
            assertTrue(child.stderr().contains("in use by pacscluster test holder (pid " + pid), child.stderr());
            // this process: refused too (the OS would not refuse it, the JVM's own table does)
            Run same = IngestCommandTest.run("ingest", zip.toString(), "--labels", labels.toString(), "--size", "32",
                    "--out", model.toString());
            assertRefused(same, model.toString());
            assertTrue(same.err().contains("(pid " + pid), same.err());
        } finally {
            held.close();
        }
        assertFalse(Files.exists(model.resolve("model.json")), "the refused writers wrote nothing");
        // released: the next writer goes ahead
        assertEquals(0, IngestCommandTest.run("train", "--dataset", dataset.toString(), "--method", "pca", "--k", "3",
                "--kmeans-init", "1", "--out", model.toString()).code());
    }

    /**
     * kill -9 during an ingest leaves no lock behind; the resume refuses another source, then finishes the same one
     * into exactly the dataset an uninterrupted ingest makes, and removes the temporary files a kill during
     * finalisation would have left.
     */
    @Test
    void killedIngestResumesOnlyTheSameSourceAndLeavesNoStaleLockOrTempFile() throws Exception {
        Path big = tmp.resolve("big.zip"), bigLabels = tmp.resolve("big.csv"), out = tmp.resolve("killed");
        MedNistSubset.write(big, bigLabels, 80, Map.of());
        List<String> args = List.of("ingest", big.toString(), "--labels", bigLabels.toString(), "--size", "64",
                "--threads", "1", "--out", out.toString());
        Process p = childIngest(args);
        Path partial = out.resolve("records.partial.csv");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && p.isAlive() && lines(partial) < 20) Thread.sleep(20);
        assertTrue(p.isAlive() && lines(partial) >= 20, "the child ingest is under way");
        p.destroyForcibly().waitFor();
        assertFalse(Files.exists(out.resolve("dataset.json")), "killed before it finished");
        long dead = deadPid();
        Path staleIndex = out.resolve(".index.csv.pid" + dead + ".42.tmp");
        Path staleManifest = out.resolve(".dataset.json.pid" + dead + ".43.tmp");
        Files.writeString(staleIndex, "half an index");
        Files.writeString(staleManifest, "{");
        Map<String, String> before = snapshot(out);
        assertRefused(IngestCommandTest.run("ingest", zip2.toString(), "--labels", labels2.toString(), "--size", "64",
                "--threads", "1", "--out", out.toString()), out.toString());
        assertEquals(before, snapshot(out), "a refused resume changes nothing");
        Run resumed = IngestCommandTest.run(args.toArray(String[]::new));
        assertEquals(0, resumed.code(), resumed.err());
        assertFalse(Files.exists(staleIndex) || Files.exists(staleManifest), "stale temp files removed");
        Path clean = tmp.resolve("clean");
        assertEquals(0, IngestCommandTest.run("ingest", big.toString(), "--labels", bigLabels.toString(), "--size", "64",
                "--threads", "1", "--out", clean.toString()).code());
        for (String f : List.of("index.csv", "pixels.bin", "rejected.csv")) {
            assertEquals(Digests.sha256(clean.resolve(f)), Digests.sha256(out.resolve(f)), f);
        }
    }

    private static Process childIngest(List<String> args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static long lines(Path f) {
        try (Stream<String> s = Files.lines(f)) {
            return s.count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    /** The pid of a process that has ended (a temp file left by it is stale). */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    // ---- resumes of something else

    @Test
    void aFinishedDatasetIsNotMixedWithAnotherSourceOrSize() throws Exception {
        Map<String, String> before = snapshot(dataset);
        assertRefused(IngestCommandTest.run("ingest", zip2.toString(), "--labels", labels2.toString(), "--size", "32",
                "--out", dataset.toString()), dataset.toString());
        Run size = IngestCommandTest.run("ingest", zip.toString(), "--labels", labels.toString(), "--size", "64",
                "--out", dataset.toString());
        assertRefused(size, dataset.toString());
        assertTrue(size.err().contains("size: 32 → 64") && size.err().contains("--overwrite"), size.err());
        assertEquals(before, snapshot(dataset));
        Run same = IngestCommandTest.run("ingest", zip.toString(), "--labels", labels.toString(), "--size", "32",
                "--out", dataset.toString());
        assertEquals(0, same.code(), same.err());
        assertTrue(same.out().contains("already complete"), same.out());

        // a dataset from before resume keys: the same ingest still finds it done, another one is refused
        Path legacy = tmp.resolve("legacy");
        Files.createDirectories(legacy);
        for (String f : List.of("dataset.json", "index.csv", "pixels.bin", "rejected.csv")) {
            Files.copy(dataset.resolve(f), legacy.resolve(f));
        }
        Run legacySize = IngestCommandTest.run("ingest", zip.toString(), "--labels", labels.toString(), "--size", "64",
                "--out", legacy.toString());
        assertRefused(legacySize, legacy.toString());
        assertTrue(legacySize.err().contains("without a resume key"), legacySize.err());
        Run legacySame = IngestCommandTest.run("ingest", zip.toString(), "--labels", labels.toString(), "--size", "32",
                "--out", legacy.toString());
        assertTrue(legacySame.code() == 0 && legacySame.out().contains("already complete"), legacySame.out() + legacySame.err());
    }

    @Test
    void anEmptySourceLeavesNoCompleteDataset() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty-source")), junk = Files.createDirectories(tmp.resolve("junk"));
        Files.writeString(junk.resolve("a.png"), "not a png");
        for (Path src : List.of(empty, junk)) {
            Path out = tmp.resolve("ds-" + src.getFileName());
            for (int run = 0; run < 2; run++) {         // the second run must not call it "already complete"
                Run r = IngestCommandTest.run("ingest", src.toString(), "--format", "images", "--size", "32",
                        "--out", out.toString());
                assertFailed(r, src.getFileName().toString());
            }
            assertFalse(Files.exists(out.resolve("dataset.json")), out.toString());
        }
    }

    @Test
    void anExperimentContinuesOnlyWithTheSameDatasetAndSettings() throws Exception {
        Path out = tmp.resolve("experiment"), other = tmp.resolve("ds-other");
        String[] first = {"experiment", "--dataset", dataset.toString(), "--methods", "pca", "--runs", "1", "--k", "4",
                "--kmeans-init", "1", "--tsne-points", "0", "--out", out.toString()};
        assertEquals(0, IngestCommandTest.run(first).code());
        Map<String, String> before = snapshot(out);
        Run k = IngestCommandTest.run("experiment", "--dataset", dataset.toString(), "--methods", "pca", "--runs", "1",
                "--k", "3", "--kmeans-init", "1", "--tsne-points", "0", "--out", out.toString());
        assertRefused(k, out.toString());
        assertTrue(k.err().contains("settings.kmeans.k: 4 → 3"), k.err());
        assertEquals(0, Main.run("ingest", zip2.toString(), "--labels", labels2.toString(), "--size", "32",
                "--out", other.toString()));
        Run data = IngestCommandTest.run("experiment", "--dataset", other.toString(), "--methods", "pca", "--runs", "1",
                "--k", "4", "--kmeans-init", "1", "--tsne-points", "0", "--out", out.toString());
        assertRefused(data, out.toString());
        assertTrue(data.err().contains("dataset: index sha256"), data.err());
        assertEquals(before, snapshot(out), "refused runs leave the experiment as it was");
        // the same command continues (nothing left to run), and --overwrite starts afresh with the new K
        assertEquals(0, IngestCommandTest.run(first).code());
        String[] again = {"experiment", "--dataset", dataset.toString(), "--methods", "pca", "--runs", "1", "--k", "3",
                "--kmeans-init", "1", "--tsne-points", "0", "--out", out.toString(), "--overwrite"};
        assertEquals(0, IngestCommandTest.run(again).code());
        assertTrue(Files.readAllLines(out.resolve("assignments/pca-run0.csv")).stream().skip(1)
                .map(l -> l.split(",")[1]).distinct().count() <= 3, "assignments of the new K only");
        assertEquals(2, Files.readAllLines(out.resolve("runs.csv")).size(), "one run, of the new experiment");
    }

    @Test
    void aSweepRefusesEmptyOrRepeatedKAndAnotherSweepInItsFolder() throws Exception {
        Path out = tmp.resolve("sweep");
        for (String ks : List.of(",", ",,", "3,3")) {
            Run r = IngestCommandTest.run("sweep", "--dataset", dataset.toString(), "--method", "pca", "--k", ks,
                    "--out", out.toString());
            assertRefused(r, "--k");
            assertFalse(Files.exists(out), "nothing written for --k " + ks);
        }
        assertEquals(0, IngestCommandTest.run("sweep", "--dataset", dataset.toString(), "--method", "pca", "--k", "2,3",
                "--kmeans-init", "1", "--out", out.toString()).code());
        Map<String, String> before = snapshot(out);
        assertRefused(IngestCommandTest.run("sweep", "--dataset", dataset.toString(), "--method", "hog", "--k", "2,3",
                "--kmeans-init", "1", "--out", out.toString()), out.toString());
        assertEquals(before, snapshot(out));
    }

    // ---- outputs never overwrite inputs, finished results or foreign folders

    @Test
    void predictNeverWritesIntoItsInputsNorOverAnExistingFile() throws Exception {
        Path model = tmp.resolve("model-predict");
        assertEquals(0, Main.run("train", "--dataset", dataset.toString(), "--method", "pca", "--k", "3",
                "--kmeans-init", "1", "--out", model.toString()));
        Map<String, String> data = snapshot(dataset), trained = snapshot(model);
        Path link = Files.createSymbolicLink(tmp.resolve("link-to-ds"), dataset);     // a link does not hide an input
        for (Path target : List.of(dataset.resolve("index.csv"), dataset.resolve("new.csv"), model.resolve("model.json"),
                model, dataset, link.resolve("index.csv"))) {
            Run r = IngestCommandTest.run("predict", "--model", model.toString(), dataset.toString(), "--out", target.toString());
            assertRefused(r, target.toString());
        }
        Path auditOut = dataset.resolve("audit.csv");
        assertRefused(IngestCommandTest.run("audit", "--model", model.toString(), dataset.toString(),
                "--out", auditOut.toString()), auditOut.toString());
        assertEquals(data, snapshot(dataset), "the dataset is as it was");
        assertEquals(trained, snapshot(model), "the model is as it was");
        try (Dataset d = Dataset.open(dataset)) {
            assertEquals(30, d.size());
        }

        Path pred = tmp.resolve("pred.csv");
        assertEquals(0, IngestCommandTest.run("predict", "--model", model.toString(), dataset.toString(),
                "--out", pred.toString()).code());
        String first = Files.readString(pred);
        Run again = IngestCommandTest.run("predict", "--model", model.toString(), dataset.toString(), "--split", "test",
                "--out", pred.toString());
        assertRefused(again, pred.toString());
        assertTrue(again.err().contains("--overwrite"), again.err());
        assertEquals(first, Files.readString(pred));
        assertEquals(0, IngestCommandTest.run("predict", "--model", model.toString(), dataset.toString(), "--split", "test",
                "--out", pred.toString(), "--overwrite").code());
        assertTrue(Files.readAllLines(pred).size() < first.lines().count(), "replaced when asked");

        // a new SOURCE is not answered from the work folder of another one
        Path p2 = tmp.resolve("p2.csv");
        assertEquals(0, IngestCommandTest.run("predict", "--model", model.toString(), zip.toString(), "--labels",
                labels.toString(), "--out", p2.toString()).code());
        Path p3 = tmp.resolve("p3.csv");
        Run otherSource = IngestCommandTest.run("predict", "--model", model.toString(), zip2.toString(), "--labels",
                labels2.toString(), "--work", tmp.resolve("p2.csv.dataset").toString(), "--out", p3.toString());
        assertRefused(otherSource, "p2.csv.dataset");
        assertFalse(Files.exists(p3));
    }

    @Test
    void trainNeverReplacesAFinishedModelNorWritesIntoTheDataset() throws Exception {
        Path model = tmp.resolve("model-final");
        assertEquals(0, Main.run("train", "--dataset", dataset.toString(), "--method", "pca", "--k", "3",
                "--kmeans-init", "1", "--out", model.toString()));
        Map<String, String> before = snapshot(model);
        for (String k : List.of("3", "4")) {           // the same command, or another K
            Run r = IngestCommandTest.run("train", "--dataset", dataset.toString(), "--method", "pca", "--k", k,
                    "--kmeans-init", "1", "--out", model.toString());
            assertRefused(r, model.toString());
        }
        assertEquals(before, snapshot(model));
        Run hog = IngestCommandTest.run("train", "--dataset", dataset.toString(), "--method", "hog", "--k", "4",
                "--kmeans-init", "1", "--out", model.toString(), "--overwrite");
        assertEquals(0, hog.code(), hog.err());
        assertFalse(Files.exists(model.resolve("pca.bin")), "nothing of the replaced model is left");

        Map<String, String> data = snapshot(dataset);
        assertRefused(IngestCommandTest.run("train", "--dataset", dataset.toString(), "--method", "pca", "--k", "3",
                "--out", dataset.toString(), "--overwrite"), dataset.toString());
        assertRefused(IngestCommandTest.run("train", "--dataset", dataset.toString(), "--method", "pca", "--k", "3",
                "--out", dataset.resolve("model").toString()), dataset.toString());
        assertEquals(data, snapshot(dataset));

        Run untrained = IngestCommandTest.run("train", "--dataset", dataset.toString(), "--method", "cae", "--epochs", "0",
                "--filters", "16,16", "--latent", "4", "--k", "3", "--out", tmp.resolve("cae0").toString());
        assertRefused(untrained, "--epochs");
        assertFalse(Files.exists(tmp.resolve("cae0")));
    }

    @Test
    void aForeignFolderIsWrittenOnlyWhenAskedAndItsFilesAreNeverDeleted() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("foreign"));
        Path notes = Files.writeString(out.resolve("notes.txt"), "mine");
        Run r = IngestCommandTest.run("ingest", zip.toString(), "--labels", labels.toString(), "--size", "32",
                "--out", out.toString());
        assertRefused(r, out.toString());
        assertTrue(r.err().contains("not written by pacscluster"), r.err());
        assertEquals(0, IngestCommandTest.run("ingest", zip.toString(), "--labels", labels.toString(), "--size", "32",
                "--out", out.toString(), "--overwrite").code());
        // replacing that dataset later empties what pacscluster wrote, not the user's file
        assertEquals(0, IngestCommandTest.run("ingest", zip2.toString(), "--labels", labels2.toString(), "--size", "32",
                "--out", out.toString(), "--overwrite").code());
        assertEquals("mine", Files.readString(notes));
        try (Dataset d = Dataset.open(out)) {
            assertEquals(24, d.size());
        }
    }

    // ---- helpers

    /** Exit 1, one line on stderr starting "error: " and naming {@code subject}, no stack trace. */
    static void assertRefused(Run r, String subject) {
        assertEquals(1, r.code(), r.out() + r.err());
        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "one line on stderr: " + r.err());
        assertTrue(lines.get(0).startsWith("error: "), lines.get(0));
        assertTrue(lines.get(0).contains(subject), "names " + subject + ": " + lines.get(0));
        assertFalse((r.out() + r.err()).contains("\tat ") || r.err().contains("Exception"), r.err());
    }

    /** As {@link #assertRefused}, after the progress lines of a run that did begin. */
    static void assertFailed(Run r, String subject) {
        assertEquals(1, r.code(), r.out() + r.err());
        List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(1, errors.size(), r.err());
        assertTrue(r.err().strip().endsWith(errors.get(0)), "the error comes last: " + r.err());
        assertTrue(errors.get(0).contains(subject), "names " + subject + ": " + errors.get(0));
        assertFalse((r.out() + r.err()).contains("\tat ") || r.err().contains("Exception"), r.err());
    }

    /** SHA-256 of every file in a folder tree by relative path, except the lock file (it names the last holder). */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                if (f.getFileName().toString().equals(FolderLock.FILE)) continue;
                m.put(dir.relativize(f).toString(), Digests.sha256(f));
            }
        }
        return m;
    }
}
