package org.pacscluster.pacs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.SharedData;
import org.pacscluster.cli.ChildCli;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.ImageRecord;
import org.pacscluster.dicom.RegionVocabulary;
import org.pacscluster.source.DicomFolderSource;
import org.pacscluster.source.DicomLoading;
import org.pacscluster.source.FrameChoice;
import org.pacscluster.source.ImageSource;
import org.pacscluster.ingest.IngestConfig;
import org.pacscluster.ingest.Ingestor;
import org.pacscluster.source.LoadedImage;
import org.pacscluster.source.RejectedImageException;
import org.pacscluster.io.Csv;
import org.pacscluster.progress.Progress;

/**
 * Whole ingests from a real Orthanc holding ../shared/data/dicom: the dataset equals the folder ingest of the same
 * files; a PACS killed mid-ingest and a re-run give the complete dataset without duplicates; the command line
 * ends a wrong password with one line and never shows credentials.
 */
class DicomWebIngestTest {
    static final IngestConfig CONFIG = new IngestConfig(32, 8, 0.25, 11, 2);

    @TempDir
    static Path tmp;

    static OrthancServer orthanc;
    static Path folderDataset;

    @BeforeAll
    static void setUp() throws Exception {
        OrthancServer.assumeInstalled();
        orthanc = OrthancServer.start(tmp.resolve("orthanc"));
        orthanc.uploadFolder(SharedData.data("dicom"));
        folderDataset = tmp.resolve("from-folder");
        try (ImageSource folder = new DicomFolderSource(SharedData.data("dicom"), loading())) {
            assertNotNull(new Ingestor(CONFIG, "default", "test").run(folder, folderDataset, Progress.NONE).manifest());
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (orthanc != null) orthanc.close();
    }

    static DicomLoading loading() { return new DicomLoading(RegionVocabulary.defaults(), FrameChoice.MIDDLE); }

    static PacsConfig.Builder config() {
        return PacsConfig.builder(orthanc.dicomWebRoot()).optCredentials(orthanc.credentials()).optPageSize(7)
                .optRetry(new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100))).optWarnings(w -> {});
    }

    static Map<String, ImageRecord> byId(Dataset ds) {
        Map<String, ImageRecord> m = new HashMap<>();
        for (ImageRecord r : ds.records()) assertNull(m.put(r.id(), r), "duplicate id " + r.id());
        return m;
    }

    @Test
    void ingestOverDicomWebEqualsTheFolderIngestOfTheSameFiles() throws Exception {
        Path out = tmp.resolve("from-pacs");
        Ingestor.Summary s;
        try (DicomWebSource pacs = DicomWebSource.open(config().optParallel(4).build(), loading())) {
            s = new Ingestor(CONFIG.withThreads(4), "default", "test").run(pacs, out, Progress.NONE);
        }
        assertNotNull(s.manifest(), "finished: " + s.firstFailure());
        try (Dataset f = Dataset.open(folderDataset); Dataset p = Dataset.open(out)) {
            Map<String, ImageRecord> fromFolder = byId(f), fromPacs = byId(p);
            assertTrue(fromFolder.size() >= 40, "the folder gives many images: " + fromFolder.size());
            assertEquals(fromFolder.keySet(), fromPacs.keySet(), "same SOPInstanceUIDs");
            for (String id : fromFolder.keySet()) {
                ImageRecord a = fromFolder.get(id), b = fromPacs.get(id);
                assertEquals(a.modality(), b.modality(), id);
                assertEquals(a.region(), b.region(), id);
                assertEquals(a.split(), b.split(), "the split depends only on ids and seed: " + id);
                assertArrayEquals(f.image(a.row()), p.image(b.row()), "pixels of " + id);
                assertTrue(b.source().startsWith(orthanc.dicomWebRoot() + "studies/"), b.source());
            }
            assertEquals(f.manifest().trainCount(), p.manifest().trainCount());
        }
    }

    /** Kills Orthanc when the {@code n}-th image starts loading; the ingest then fails on the PACS, not on a file. */
    static final class KillingSource implements ImageSource {
        final DicomWebSource inner;
        final int n;
        final AtomicInteger loads = new AtomicInteger();

        KillingSource(DicomWebSource inner, int n) { this.inner = inner; this.n = n; }

        @Override public String describe() { return inner.describe(); }
        @Override public Iterator<String> keys() { return inner.keys(); }

        @Override
        public LoadedImage load(String key) throws RejectedImageException, IOException {
            if (loads.incrementAndGet() == n) {
                try {
                    orthanc.kill();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            return inner.load(key);
        }

        @Override public void close() { inner.close(); }
    }

    @Test
    void aPacsKilledMidIngestThenBackGivesTheCompleteDatasetOnReRunWithoutDuplicates() throws Exception {
        Path out = tmp.resolve("interrupted");
        try {
            try (KillingSource src = new KillingSource(DicomWebSource.open(config().optParallel(2).build(), loading()), 30)) {
                Ingestor.Summary first;
                try {
                    first = new Ingestor(CONFIG, "default", "test").run(src, out, Progress.NONE);
                    assertNull(first.manifest(), "not finished while the PACS is down");
                    assertTrue(first.failed() > 0);
                    assertTrue(first.firstFailure().contains("PACS at " + orthanc.dicomWebRoot()), first.firstFailure());
                } catch (UncheckedIOException | IOException listingFailed) {
                    // the study/series listing itself hit the dead PACS: equally an unfinished run
                    assertTrue(String.valueOf(listingFailed.getMessage()).contains("PACS at"), listingFailed.getMessage());
                }
            }
            Exception incomplete = assertThrows(Exception.class, () -> Dataset.open(out));
            assertTrue(incomplete.getMessage().contains("incomplete"), incomplete.getMessage());
        } finally {
            orthanc.startProcess();
        }

        Ingestor.Summary second;
        try (DicomWebSource src = DicomWebSource.open(config().build(), loading())) {
            second = new Ingestor(CONFIG, "default", "test").run(src, out, Progress.NONE);
        }
        assertNotNull(second.manifest(), "finished: " + second.firstFailure());
        assertTrue(second.skipped() >= 20, "the re-run skipped what the first run stored: " + second.skipped());
        try (Dataset f = Dataset.open(folderDataset); Dataset p = Dataset.open(out)) {
            Map<String, ImageRecord> fromPacs = byId(p); // asserts no duplicate id
            assertEquals(byId(f).keySet(), fromPacs.keySet(), "complete: nothing lost");
        }
        Set<String> rejectedKeys = new HashSet<>();
        for (List<String> row : Csv.read(out.resolve("rejected.csv")).rows()) {
            assertTrue(rejectedKeys.add(row.get(0)), "rejected once: " + row.get(0));
            assertFalse(row.get(1).contains("PACS at"), "a PACS outage never rejects an image: " + row);
        }
    }

    @Test
    void predictAndAuditReadThePacsAndAgreeWithTheFolder() throws Exception {
        Path model = tmp.resolve("model"), cfg = tmp.resolve("reader.properties");
        assertEquals(0, org.pacscluster.cli.Main.run("train", "--dataset", folderDataset.toString(), "--method", "cae",
                "--k", "4", "--epochs", "2", "--filters", "16,16", "--latent", "8", "--threads", "1", "--out", model.toString()));
        Files.writeString(cfg, "user=" + OrthancServer.USER + "\npassword=" + orthanc.password() + "\n");
        Path fromFolder = tmp.resolve("predict-folder.csv"), fromPacs = tmp.resolve("predict-pacs.csv");
        assertEquals(0, org.pacscluster.cli.Main.run("predict", "--model", model.toString(), folderDataset.toString(),
                "--out", fromFolder.toString(), "--threads", "1"));
        String pacs = "dicomweb+" + orthanc.dicomWebRoot();
        Path work = tmp.resolve("predict-work");
        assertEquals(0, org.pacscluster.cli.Main.run("predict", "--model", model.toString(), pacs, "--pacs-config",
                cfg.toString(), "--work", work.toString(), "--out", fromPacs.toString(), "--threads", "1"));
        assertEquals(clusters(fromFolder), clusters(fromPacs), "the same images get the same clusters from either source");

        Path audit = tmp.resolve("audit.csv");
        assertEquals(0, org.pacscluster.cli.Main.run("audit", "--model", model.toString(), pacs,
                "--pacs-config", cfg.toString(), "--work", work.toString(), "--out", audit.toString(), "--threads", "1"));
        assertEquals(List.of("id", "source", "tag", "current", "suggested", "reason", "confidence", "cluster",
                "probability", "cluster_purity"), Csv.read(audit).header());
    }

    private static Map<String, String> clusters(Path csv) throws IOException {
        Csv.Table t = Csv.read(csv);
        Map<String, String> m = new HashMap<>();
        for (List<String> r : t.rows()) m.put(r.get(t.column("id")), r.get(t.column("cluster")));
        return m;
    }

    /** Runs the real command line in a fresh JVM, with credentials only in its environment. */
    static ChildCli.Run cli(Map<String, String> env, String... args) throws Exception {
        ChildCli child = ChildCli.builder().heap("1g");
        env.forEach(child::env);
        ChildCli.Run r = child.run(tmp, args);
        assertTrue(r.endedByItself(), "the command finished");
        return r;
    }

    @Test
    void wrongPasswordEndsWithOneErrorLineAndNonZeroExit() throws Exception {
        String wrong = "wrong-" + orthanc.password();
        Path out = tmp.resolve("never-created");
        ChildCli.Run r = cli(Map.of(PacsConfigLoader.ENV_USER, OrthancServer.USER, PacsConfigLoader.ENV_PASSWORD, wrong),
                "ingest", "dicomweb+" + orthanc.dicomWebRoot(), "--out", out.toString());
        assertEquals(1, r.exit());
        List<String> lines = r.stderr().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "one line: " + r.stderr());
        assertTrue(lines.get(0).startsWith("error: PACS at " + orthanc.dicomWebRoot() + " refused access (HTTP 401"), lines.get(0));
        assertFalse((r.stdout() + r.stderr()).contains(wrong));
        assertFalse(Files.exists(out), "nothing created before the PACS accepted us");
    }

    @Test
    void credentialsAppearInNoOutputAndNoDatasetFile() throws Exception {
        Path out = tmp.resolve("cli-ct");
        Path config = tmp.resolve("pacs.properties");
        Files.writeString(config, "password=" + orthanc.password() + "\n");
        ChildCli.Run r = cli(Map.of(PacsConfigLoader.ENV_USER, OrthancServer.USER, PacsConfigLoader.ENV_CONFIG, config.toString()),
                "ingest", "dicomweb+" + orthanc.dicomWebRoot(), "--out", out.toString(), "--query", "Modality=MR",
                "--limit", "12", "--size", "32", "--parallel", "3");
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        List<String> secrets = List.of(orthanc.password(),
                Base64.getEncoder().encodeToString((OrthancServer.USER + ":" + orthanc.password()).getBytes(StandardCharsets.UTF_8)));
        List<String> texts = new ArrayList<>(List.of(r.stdout(), r.stderr()));
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) texts.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
        for (String t : texts) for (String s : secrets) assertFalse(t.contains(s), "a secret leaked");
        try (Dataset ds = Dataset.open(out)) {
            assertEquals(12, ds.size() + ds.manifest().rejectedCount(), "--limit 12 instances, each stored or rejected");
            assertTrue(ds.size() > 0);
            for (ImageRecord rec : ds.records()) assertEquals("MR", rec.modality());
        }
    }
}
