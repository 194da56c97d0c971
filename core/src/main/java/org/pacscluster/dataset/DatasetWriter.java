package org.pacscluster.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;

import java.util.Random;
import java.util.Set;
import org.pacscluster.io.AtomicFiles;
import org.pacscluster.io.Csv;
import org.pacscluster.io.Shuffle;

/**
 * Fills a dataset folder one image at a time and survives being killed at any point.
 *
 * <p>While an ingest runs the folder holds {@code ingest.json} (its settings), {@code pixels.bin} (appended),
 * {@code records.partial.csv} (one line per image, written after its pixels) and {@code rejected.csv}. Reopening
 * such a folder drops a torn last line, cuts {@code pixels.bin} back to the records that were completed, and
 * reports every key already handled so the caller skips it. {@link #finish} assigns the seeded split, writes
 * {@code index.csv}, and last of all {@code dataset.json} — the mark of a complete dataset.
 * Not thread-safe: one thread writes.
 */
public final class DatasetWriter implements AutoCloseable {
    static final String PARTIAL = "records.partial.csv";
    public static final String SETTINGS = "ingest.json";
    private static final List<String> PARTIAL_HEADER = List.of("key", "id", "source", "modality", "region",
            "body_part", "study_description", "series_description");

    /** Settings fixed when a dataset folder is created; a resumed ingest must use the same ones. */
    public record Settings(int imageSize, int bitsPerPixel) {
        public Settings {
            if (bitsPerPixel != 8 && bitsPerPixel != 16) {
                throw new IllegalArgumentException("bits per pixel must be 8 or 16, got " + bitsPerPixel);
            }
        }
    }

    /** The metadata of one image as stored in the index. */
    public record Entry(String key, String id, String source, String modality, String region,
                        String bodyPartExamined, String studyDescription, String seriesDescription) {}

    private final Path dir;
    private final Settings settings;
    private final int pixelsPerImage;
    private final FileChannel pixels;
    private final BufferedWriter records;
    private final BufferedWriter rejected;
    private final Set<String> doneKeys = new HashSet<>();
    private final Set<String> ids = new HashSet<>();
    private final ByteBuffer buffer;
    private int count;
    private int rejectedCount;

    private DatasetWriter(Path dir, Settings settings) throws IOException {
        this.dir = dir;
        this.settings = settings;
        this.pixelsPerImage = settings.imageSize() * settings.imageSize();
        this.buffer = ByteBuffer.allocate(pixelsPerImage * settings.bitsPerPixel() / 8).order(ByteOrder.LITTLE_ENDIAN);
        Path partial = dir.resolve(PARTIAL), rej = dir.resolve(Dataset.REJECTED);
        int kept = recoverRecords(partial);
        recoverRejected(rej);
        long bytes = (long) kept * buffer.capacity();
        this.pixels = FileChannel.open(dir.resolve(Dataset.PIXELS), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (pixels.size() < bytes) {
            throw new IOException("dataset " + dir + " is damaged: " + Dataset.PIXELS + " is shorter than its records;"
                    + " delete the folder and ingest again");
        }
        pixels.truncate(bytes);
        pixels.position(bytes);
        this.count = kept;
        this.records = Files.newBufferedWriter(partial, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (kept == 0 && Files.size(partial) == 0) writeLine(records, Csv.line(PARTIAL_HEADER));
        this.rejected = Files.newBufferedWriter(rej, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (Files.size(rej) == 0) writeLine(rejected, Csv.line("file", "reason"));
    }

    /**
     * Opens {@code dir} for writing: creates it, or continues an interrupted ingest there. A complete dataset is
     * refused (the caller reports it), as is a folder made with other settings. The caller has claimed the folder
     * ({@link org.pacscluster.io.OutputFolder}): that is where a foreign or busy folder is refused.
     */
    public static DatasetWriter openOrResume(Path dir, Settings settings) throws IOException {
        if (Files.exists(dir.resolve(DatasetManifest.FILE))) {
            throw new IllegalStateException("dataset " + dir + " is already complete");
        }
        Files.createDirectories(dir);
        Path s = dir.resolve(SETTINGS);
        ObjectMapper json = new ObjectMapper();
        if (Files.exists(s)) {
            Settings old = json.readValue(s.toFile(), Settings.class);
            if (!old.equals(settings)) {
                throw new IllegalArgumentException("the unfinished dataset in " + dir + " was started with size "
                        + old.imageSize() + " and " + old.bitsPerPixel() + " bits; re-run with those settings or use"
                        + " another output folder");
            }
        } else {
            // whether this folder may be written at all (empty, ours, or foreign and overwriting allowed) was decided
            // by whoever claimed it (io.OutputFolder, through the Ingestor)
            AtomicFiles.writeString(s, json.writeValueAsString(settings));
        }
        return new DatasetWriter(dir, settings);
    }

    private int recoverRecords(Path partial) throws IOException {
        if (!Files.exists(partial)) return 0;
        List<List<String>> rows = readCompleteLines(partial);
        if (rows.isEmpty()) return 0;
        List<List<String>> body = rows.subList(1, rows.size());
        StringBuilder sb = new StringBuilder(Csv.line(PARTIAL_HEADER)).append('\n');
        for (List<String> r : body) {
            doneKeys.add(r.get(0));
            ids.add(r.get(1));
            sb.append(Csv.line(r)).append('\n');
        }
        AtomicFiles.writeString(partial, sb.toString());    // without the torn line, if there was one
        return body.size();
    }

    private void recoverRejected(Path rej) throws IOException {
        if (!Files.exists(rej)) return;
        List<List<String>> rows = readCompleteLines(rej);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) { doneKeys.add(rows.get(i).get(0)); rejectedCount++; }
            sb.append(Csv.line(rows.get(i))).append('\n');
        }
        AtomicFiles.writeString(rej, sb.toString());
    }

    /** The CSV records of a file, ignoring a last line that was cut off (no newline at the end). */
    private static List<List<String>> readCompleteLines(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        text = end < 0 ? "" : text.substring(0, end + 1);
        return Csv.readAll(new java.io.StringReader(text));
    }

    public Settings settings() { return settings; }

    /** Whether this key was already stored or rejected (by this run or an interrupted earlier one). */
    public boolean isDone(String key) { return doneKeys.contains(key); }

    public boolean hasId(String id) { return ids.contains(id); }

    public int count() { return count; }

    public int rejectedCount() { return rejectedCount; }

    /** Appends one preprocessed S×S image in [0,1] with its metadata; pixels first, so a record never lacks them. */
    public void append(Entry e, float[] image) throws IOException {
        if (image.length != pixelsPerImage) throw new IllegalArgumentException("image has wrong size " + image.length);
        if (ids.contains(e.id())) throw new IllegalArgumentException("duplicate id " + e.id());
        buffer.clear();
        encode(image, settings.bitsPerPixel(), buffer);
        buffer.flip();
        while (buffer.hasRemaining()) pixels.write(buffer);
        writeLine(records, Csv.line(e.key(), e.id(), e.source(), e.modality(), e.region(), e.bodyPartExamined(),
                e.studyDescription(), e.seriesDescription()));
        doneKeys.add(e.key());
        ids.add(e.id());
        count++;
    }

    /**
     * Puts one preprocessed image (values in [0,1]) into {@code dst} as the stored levels of pixels.bin: unsigned
     * {@code bitsPerPixel} integers q = round(v × (2^bits − 1)), little-endian ({@code dst}'s order must be).
     */
    public static void encode(float[] image, int bitsPerPixel, ByteBuffer dst) {
        if (bitsPerPixel == 8) {
            for (float v : image) dst.put((byte) quantise(v, 255));
        } else if (bitsPerPixel == 16) {
            for (float v : image) dst.putShort((short) quantise(v, 65535));
        } else {
            throw new IllegalArgumentException("bits per pixel must be 8 or 16, got " + bitsPerPixel);
        }
    }

    static int quantise(float v, int levels) {
        int q = Math.round(v * levels);
        return q < 0 ? 0 : Math.min(q, levels);
    }

    /** Records a source entry that could not become an image; the ingest goes on. */
    public void reject(String key, String reason) throws IOException {
        writeLine(rejected, Csv.line(key, reason.replace('\n', ' ')));
        doneKeys.add(key);
        rejectedCount++;
    }

    private static void writeLine(BufferedWriter w, String line) throws IOException {
        w.write(line);
        w.write('\n');
        w.flush();          // a killed process then loses at most the line being written
    }

    /**
     * Completes the dataset: a seeded shuffle of the records sorted by id picks the test split (so the split does
     * not depend on the order files were read in), then index.csv and dataset.json are written.
     */
    public DatasetManifest finish(long seed, double testFraction, String source, String vocabulary, String version)
            throws IOException {
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in [0,1), got " + testFraction);
        }
        close();
        List<List<String>> rows = readCompleteLines(dir.resolve(PARTIAL));
        List<List<String>> body = new ArrayList<>(rows.subList(1, rows.size()));
        int n = body.size();
        Integer[] byId = new Integer[n];
        for (int i = 0; i < n; i++) byId[i] = i;
        java.util.Arrays.sort(byId, Comparator.comparing(i -> body.get(i).get(1)));
        Shuffle.shuffle(byId, new Random(seed));
        int nTest = (int) Math.round(n * testFraction);
        boolean[] test = new boolean[n];
        for (int i = 0; i < nTest; i++) test[byId[i]] = true;
        AtomicFiles.writeText(dir.resolve(Dataset.INDEX), w -> {
            w.write(Csv.line(Dataset.INDEX_HEADER));
            w.write('\n');
            for (int i = 0; i < n; i++) {
                List<String> r = body.get(i);
                w.write(Csv.line(i, r.get(1), r.get(2), r.get(3), r.get(4), test[i] ? "test" : "train",
                        r.get(5), r.get(6), r.get(7)));
                w.write('\n');
            }
        });
        DatasetManifest m = new DatasetManifest(DatasetManifest.FORMAT_VERSION, settings.imageSize(),
                settings.bitsPerPixel(), n, n - nTest, nTest, rejectedCount, seed, testFraction, source, vocabulary,
                version, Instant.now().toString());
        m.write(dir);
        Files.deleteIfExists(dir.resolve(PARTIAL));
        Files.deleteIfExists(dir.resolve(SETTINGS));
        return m;
    }

    @Override
    public void close() throws IOException {
        if (pixels.isOpen()) {
            pixels.close();
            records.close();
            rejected.close();
        }
    }

}
