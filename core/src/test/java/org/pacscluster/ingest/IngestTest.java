package org.pacscluster.ingest;

import org.pacscluster.source.ImageSource;
import org.pacscluster.source.LabelTable;
import org.pacscluster.source.LoadedImage;
import org.pacscluster.source.RejectedImageException;
import org.pacscluster.source.ZipImageSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.SharedData;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.ImageRecord;
import org.pacscluster.dataset.LabelKind;
import org.pacscluster.dataset.Preprocessor;
import org.pacscluster.dataset.Split;
import org.pacscluster.io.Csv;
import org.pacscluster.progress.Progress;

class IngestTest {
    private static final IngestConfig CONFIG = new IngestConfig(64, 8, 0.25, 7, 2);

    @Test
    void zipWithLabelsBecomesADatasetAndBadEntriesAreRejected(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("sub.zip"), labels = tmp.resolve("labels.csv"), out = tmp.resolve("ds");
        byte[] realJpeg = firstMedNistBytes();
        MedNistSubset.write(zip, labels, 5, Map.of(
                "junk/notes.png", "this is a text file, not a PNG".getBytes(),
                "junk/empty.jpeg", new byte[0],
                "junk/truncated.jpeg", Arrays.copyOf(realJpeg, realJpeg.length / 3)));
        Ingestor.Summary s;
        try (ImageSource src = new ZipImageSource(zip, LabelTable.read(labels))) {
            s = new Ingestor(CONFIG, "default", "test").run(src, out, Progress.NONE);
        }
        assertEquals(30, s.added());
        assertEquals(3, s.rejected());
        Csv.Table rejected = Csv.read(out.resolve("rejected.csv"));
        assertEquals(List.of("file", "reason"), rejected.header());
        Set<String> rejectedFiles = new HashSet<>();
        for (List<String> r : rejected.rows()) {
            rejectedFiles.add(r.get(0));
            assertFalse(r.get(1).isBlank(), "a reason for " + r.get(0));
        }
        assertEquals(Set.of("junk/notes.png", "junk/empty.jpeg", "junk/truncated.jpeg"), rejectedFiles);

        try (Dataset ds = Dataset.open(out)) {
            assertEquals(30, ds.size());
            assertEquals(64, ds.imageSize());
            assertEquals(8, ds.rows(Split.TEST).length);           // round(30 × 0.25)
            assertEquals(22, ds.rows(Split.TRAIN).length);
            Map<String, List<String>> truth = labelsByFile(labels);
            for (ImageRecord r : ds.records()) {
                assertEquals(truth.get(r.id()).get(0), r.modality(), r.id());
                assertEquals(truth.get(r.id()).get(1), r.region(), r.id());
            }
            assertEquals(Set.of("CT", "MR", "CR/DX"), new HashSet<>(Arrays.asList(ds.labels(ds.allRows(), LabelKind.MODALITY))));
            // pixels equal an independent decode + preprocess, to 8-bit quantisation
            int row = 17;
            float[] expected = decodeAndPreprocess(zip, ds.record(row).source());
            float[] stored = ds.image(row);
            assertArrayEquals(expected, stored, 0.5f / 255 + 1e-6f);
        }
    }

    @Test
    void splitDependsOnlyOnIdsAndSeed(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("sub.zip"), labels = tmp.resolve("labels.csv");
        MedNistSubset.write(zip, labels, 4, Map.of());
        Set<String> a = testIds(zip, labels, tmp.resolve("a"), 1), b = testIds(zip, labels, tmp.resolve("b"), 2),
                c = testIds(zip, labels, tmp.resolve("c"), 2);
        assertEquals(6, a.size());
        assertEquals(b, c);
        assertTrue(!a.equals(b), "another seed, another split");
    }

    /** Running out of memory says nothing about the file: the entry is retried by the next run, not rejected. */
    @Test
    void anImageThatRanOutOfMemoryIsRetriedNotRejected(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("sub.zip"), labels = tmp.resolve("labels.csv"), out = tmp.resolve("ds");
        MedNistSubset.write(zip, labels, 2, Map.of());
        try (ZipImageSource real = new ZipImageSource(zip, LabelTable.read(labels))) {
            String victim = real.keys().next();
            ImageSource starved = new ImageSource() {
                @Override public String describe() { return real.describe(); }
                @Override public Iterator<String> keys() { return real.keys(); }
                @Override public LoadedImage load(String key) throws RejectedImageException, IOException {
                    if (key.equals(victim)) throw new OutOfMemoryError("Java heap space");
                    return real.load(key);
                }
            };
            Ingestor.Summary first = new Ingestor(CONFIG, "default", "test").run(starved, out, Progress.NONE);
            assertNull(first.manifest(), "unfinished, to be retried");
            assertEquals(1, first.failed());
            assertTrue(first.firstFailure().startsWith(victim + ": out of memory"), first.firstFailure());
            assertEquals(0, first.rejected());
            Ingestor.Summary second = new Ingestor(CONFIG, "default", "test").run(real, out, Progress.NONE);
            assertEquals(1, second.added());
            assertEquals(12, second.manifest().count());
            assertEquals(0, second.manifest().rejectedCount());
        }
    }

    @Test
    void interruptedRunIsUnfinishedAndTheNextRunCompletesItWithoutDuplicates(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("sub.zip"), labels = tmp.resolve("labels.csv"), out = tmp.resolve("ds");
        MedNistSubset.write(zip, labels, 5, Map.of());
        try (ZipImageSource real = new ZipImageSource(zip, LabelTable.read(labels))) {
            // first run: the "network" fails for every third entry
            ImageSource flaky = new ImageSource() {
                int calls;
                @Override public String describe() { return real.describe(); }
                @Override public Iterator<String> keys() { return real.keys(); }
                @Override public synchronized LoadedImage load(String key) throws RejectedImageException, IOException {
                    if (calls++ % 3 == 0) throw new IOException("connection reset");
                    return real.load(key);
                }
            };
            Ingestor.Summary first = new Ingestor(CONFIG, "default", "test").run(flaky, out, Progress.NONE);
            assertNull(first.manifest());
            assertEquals(10, first.failed());
            assertEquals(20, first.added());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dataset.open(out));
            assertTrue(e.getMessage().contains("incomplete"), e.getMessage());

            Ingestor.Summary second = new Ingestor(CONFIG, "default", "test").run(real, out, Progress.NONE);
            assertEquals(10, second.added());
            assertEquals(20, second.skipped());
            assertEquals(30, second.manifest().count());
            Ingestor.Summary third = new Ingestor(CONFIG, "default", "test").run(real, out, Progress.NONE);
            assertTrue(third.alreadyComplete());
        }
        try (Dataset ds = Dataset.open(out)) {
            assertEquals(30, ds.records().stream().map(ImageRecord::id).distinct().count());
            for (ImageRecord r : ds.records()) {
                assertArrayEquals(decodeAndPreprocess(zip, r.source()), ds.image(r.row()), 0.5f / 255 + 1e-6f);
            }
        }
    }

    @Test
    void aFolderOfImagesWithoutLabelsKeepsUnknownLabels(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("imgs/sub"));
        Files.write(dir.resolve("a.jpeg"), firstMedNistBytes());
        Files.writeString(dir.resolve("readme.txt"), "ignored: not an image name");
        try (ImageSource src = Sources.open(tmp.resolve("imgs").toString(),
                new Sources.Options(Sources.Format.AUTO, null, () -> { throw new AssertionError("not DICOM"); }))) {
            Ingestor.Summary s = new Ingestor(CONFIG.withImageSize(32), "default", "test").run(src, tmp.resolve("ds"), Progress.NONE);
            assertEquals(1, s.manifest().count());
        }
        try (Dataset ds = Dataset.open(tmp.resolve("ds"))) {
            assertEquals("UNKNOWN", ds.record(0).modality());
            assertEquals("sub/a.jpeg", ds.record(0).id());
        }
    }

    private static Set<String> testIds(Path zip, Path labels, Path out, long seed) throws Exception {
        try (ImageSource src = new ZipImageSource(zip, LabelTable.read(labels))) {
            new Ingestor(new IngestConfig(32, 8, 0.25, seed, 2), "default", "test").run(src, out, Progress.NONE);
        }
        try (Dataset ds = Dataset.open(out)) {
            Set<String> ids = new HashSet<>();
            for (int r : ds.rows(Split.TEST)) ids.add(ds.record(r).id());
            return ids;
        }
    }

    static byte[] firstMedNistBytes() throws IOException {
        try (ZipFile z = new ZipFile(SharedData.mednistZip().toFile());
             InputStream in = z.getInputStream(z.getEntry("AbdomenCT/000000.jpeg"))) {
            return in.readAllBytes();
        }
    }

    /** An independent path to the expected pixels: ImageIO's raster, then the preprocessing step. */
    private static float[] decodeAndPreprocess(Path zip, String entry) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile()); InputStream in = z.getInputStream(z.getEntry(entry))) {
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(in);
            float[] px = img.getRaster().getSamples(0, 0, img.getWidth(), img.getHeight(), 0, (float[]) null);
            return new Preprocessor(64).apply(px, img.getHeight(), img.getWidth());
        }
    }

    private static Map<String, List<String>> labelsByFile(Path labels) throws IOException {
        Csv.Table t = Csv.read(labels);
        Map<String, List<String>> m = new java.util.HashMap<>();
        for (List<String> r : t.rows()) {
            m.put(r.get(t.column("file")), List.of(r.get(t.column("modality")), r.get(t.column("region"))));
        }
        return m;
    }
}
