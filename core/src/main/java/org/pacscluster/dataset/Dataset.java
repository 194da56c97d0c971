package org.pacscluster.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.pacscluster.io.Csv;
import org.pacscluster.io.Shuffle;

/**
 * A finished dataset opened for reading. Pixels are memory-mapped, so opening is cheap and memory does not grow
 * with the number of images; the index (ids, labels, split) is held in memory. Thread-safe for reading.
 *
 * <p>Layout of the folder: {@code dataset.json} (the {@link DatasetManifest}), {@code index.csv} (one row per
 * image: row, id, source, modality, region, split, body_part, study_description, series_description),
 * {@code pixels.bin} (count × S × S unsigned little-endian integers of {@code bitsPerPixel}), {@code rejected.csv}.
 */
public final class Dataset implements AutoCloseable {
    public static final String INDEX = "index.csv";
    public static final String PIXELS = "pixels.bin";
    public static final String REJECTED = "rejected.csv";
    static final List<String> INDEX_HEADER = List.of("row", "id", "source", "modality", "region", "split",
            "body_part", "study_description", "series_description");

    private final Path dir;
    private final DatasetManifest manifest;
    private final List<ImageRecord> records;
    private final ByteBuffer[] chunks;
    private final int imagesPerChunk;
    private final int pixelsPerImage;
    private final float scale;

    private Dataset(Path dir, DatasetManifest manifest, List<ImageRecord> records, ByteBuffer[] chunks,
                    int imagesPerChunk) {
        this.dir = dir;
        this.manifest = manifest;
        this.records = records;
        this.chunks = chunks;
        this.imagesPerChunk = imagesPerChunk;
        this.pixelsPerImage = manifest.imageSize() * manifest.imageSize();
        this.scale = 1f / ((1 << manifest.bitsPerPixel()) - 1);
    }

    /** Opens a complete dataset; a folder from an unfinished ingest is refused with a message saying so. */
    public static Dataset open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("no dataset at " + dir + " (not a folder)");
        if (!Files.exists(dir.resolve(DatasetManifest.FILE))) {
            if (Files.exists(dir.resolve(PIXELS))) {
                throw new IllegalArgumentException("dataset " + dir + " is incomplete (an ingest was interrupted);"
                        + " run the same ingest command again to finish it");
            }
            throw new IllegalArgumentException("no dataset at " + dir + " (missing " + DatasetManifest.FILE + ")");
        }
        DatasetManifest m = DatasetManifest.read(dir);
        if (m.formatVersion() != DatasetManifest.FORMAT_VERSION) {
            throw new IllegalArgumentException("dataset " + dir + " has format version " + m.formatVersion()
                    + "; this pacscluster reads version " + DatasetManifest.FORMAT_VERSION);
        }
        List<ImageRecord> records = readIndex(dir.resolve(INDEX));
        if (records.size() != m.count()) {
            throw new IllegalArgumentException("dataset " + dir + " is damaged: index has " + records.size()
                    + " rows, manifest says " + m.count());
        }
        long bytesPerImage = (long) m.imageSize() * m.imageSize() * m.bytesPerPixel();
        int perChunk = (int) Math.max(1, (Integer.MAX_VALUE / 2) / bytesPerImage);
        MappedByteBuffer[] chunks;
        try (FileChannel ch = FileChannel.open(dir.resolve(PIXELS), StandardOpenOption.READ)) {
            if (ch.size() < bytesPerImage * m.count()) {
                throw new IllegalArgumentException("dataset " + dir + " is damaged: " + PIXELS + " is too short");
            }
            int n = (m.count() + perChunk - 1) / perChunk;
            chunks = new MappedByteBuffer[n];
            for (int c = 0; c < n; c++) {
                long start = c * (long) perChunk * bytesPerImage;
                long len = Math.min((long) perChunk, m.count() - (long) c * perChunk) * bytesPerImage;
                chunks[c] = ch.map(FileChannel.MapMode.READ_ONLY, start, len);
                chunks[c].order(ByteOrder.LITTLE_ENDIAN);
            }
        }
        return new Dataset(dir, m, Collections.unmodifiableList(records), chunks, perChunk);
    }

    /**
     * A dataset held in memory, for images that come from elsewhere than a dataset folder (e.g. one Spark partition)
     * but must reach a model exactly as a folder would give them: {@code levels} holds the images one after the other
     * as pixels.bin stores them ({@link DatasetWriter#encode}), and {@code records.get(i).row()} must be {@code i}.
     * It has no folder ({@link #directory()} is null) and no split other than the records' own.
     */
    public static Dataset inMemory(int imageSize, int bitsPerPixel, List<ImageRecord> records, byte[] levels) {
        DatasetWriter.Settings settings = new DatasetWriter.Settings(imageSize, bitsPerPixel);
        long bytes = (long) records.size() * imageSize * imageSize * (bitsPerPixel / 8);
        if (levels.length != bytes) {
            throw new IllegalArgumentException(levels.length + " bytes of pixels for " + records.size() + " images of "
                    + imageSize + "² at " + bitsPerPixel + " bits (" + bytes + " expected)");
        }
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).row() != i) throw new IllegalArgumentException("record " + i + " has row " + records.get(i).row());
        }
        int n = records.size(), train = (int) records.stream().filter(r -> r.split() == Split.TRAIN).count();
        DatasetManifest m = new DatasetManifest(DatasetManifest.FORMAT_VERSION, settings.imageSize(),
                settings.bitsPerPixel(), n, train, n - train, 0, 0, 0.0, "memory", "default", "", "");
        ByteBuffer chunk = ByteBuffer.wrap(levels).order(ByteOrder.LITTLE_ENDIAN);
        return new Dataset(null, m, List.copyOf(records), new ByteBuffer[] {chunk}, Math.max(1, n));
    }

    static List<ImageRecord> readIndex(Path index) throws IOException {
        Csv.Table t = Csv.read(index);
        if (!t.header().equals(INDEX_HEADER)) {
            throw new IllegalArgumentException(index + " has unexpected columns " + t.header());
        }
        List<ImageRecord> out = new ArrayList<>(t.rows().size());
        for (List<String> r : t.rows()) {
            int row = Integer.parseInt(r.get(0));
            if (row != out.size()) throw new IllegalArgumentException(index + " rows are out of order at " + row);
            out.add(new ImageRecord(row, r.get(1), r.get(2), r.get(3), r.get(4), Split.parse(r.get(5)),
                    r.get(6), r.get(7), r.get(8)));
        }
        return out;
    }

    /** The dataset's folder; null for one {@link #inMemory in memory}. */
    public Path directory() { return dir; }

    public DatasetManifest manifest() { return manifest; }

    /**
     * What identifies this dataset's content in a resume key: the index's SHA-256 (images, ids, labels, split) and
     * the pixel format. Not the folder's path, so a moved dataset is still the same dataset.
     */
    public String fingerprint() throws IOException {
        return "index sha256 " + indexSha256() + ", " + manifest.imageSize() + "² " + manifest.bitsPerPixel() + "-bit";
    }

    /** SHA-256 (hex) of index.csv: which images, ids, labels and split the dataset holds, in one value. */
    public String indexSha256() throws IOException {
        return org.pacscluster.io.Digests.sha256(dir.resolve(INDEX));
    }

    public int size() { return records.size(); }

    /** S: images are S×S. */
    public int imageSize() { return manifest.imageSize(); }

    /** Refuses a dataset whose images are not {@code size}², the size a model was made for. */
    public void requireImageSize(int size) {
        if (imageSize() != size) {
            throw new IllegalArgumentException("dataset " + (dir == null ? "(in memory)" : dir) + " has " + imageSize() + "² images but the model was"
                    + " made for " + size + "²; ingest it again at size " + size);
        }
    }

    public int pixelsPerImage() { return pixelsPerImage; }

    public ImageRecord record(int row) { return records.get(row); }

    public List<ImageRecord> records() { return records; }

    /** The rows of one split, ascending. */
    public int[] rows(Split split) {
        return records.stream().filter(r -> r.split() == split).mapToInt(ImageRecord::row).toArray();
    }

    /**
     * At most {@code limit} rows of a split: a sample, ascending, the same for the same seed (all of them when
     * {@code limit} is 0 or not smaller than the split). The train split draws with {@code seed}, the test split
     * with {@code seed + 1}, so that the two samples do not move together.
     */
    public int[] rows(Split split, int limit, long seed) {
        return sample(rows(split), limit, split == Split.TEST ? seed + 1 : seed);
    }

    /** A seeded sample of at most {@code limit} of {@code rows}, ascending; all of them when limit is 0 or not smaller. */
    public static int[] sample(int[] rows, int limit, long seed) {
        if (limit < 0) throw new IllegalArgumentException("a sample limit must be >= 0 (0 = all), got " + limit);
        if (limit == 0 || limit >= rows.length) return rows;
        return Shuffle.sampleAscending(rows, limit, new Random(seed));
    }

    /** Every row, ascending. */
    public int[] allRows() {
        int[] a = new int[records.size()];
        Arrays.setAll(a, i -> i);
        return a;
    }

    /** The labels of the given rows, in order. */
    public String[] labels(int[] rows, LabelKind kind) {
        String[] out = new String[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = records.get(rows[i]).label(kind);
        return out;
    }

    /** Copies image {@code row} (S×S values in [0,1], row-major) into {@code dst} at {@code offset}. */
    public void readImage(int row, float[] dst, int offset) {
        ByteBuffer chunk = chunks[row / imagesPerChunk];
        int base = (row % imagesPerChunk) * pixelsPerImage * manifest.bytesPerPixel();
        if (manifest.bitsPerPixel() == 8) {
            for (int i = 0; i < pixelsPerImage; i++) dst[offset + i] = (chunk.get(base + i) & 0xFF) * scale;
        } else {
            for (int i = 0; i < pixelsPerImage; i++) {
                dst[offset + i] = (chunk.getShort(base + 2 * i) & 0xFFFF) * scale;
            }
        }
    }

    /**
     * Copies image {@code row} as its stored integer levels q (0..2^bits−1, row-major) into {@code dst} at
     * {@code offset}: exact, and cheaper than rounding {@link #readImage}'s q / (2^bits−1) back to q.
     */
    public void readLevels(int row, double[] dst, int offset) {
        ByteBuffer chunk = chunks[row / imagesPerChunk];
        int base = (row % imagesPerChunk) * pixelsPerImage * manifest.bytesPerPixel();
        if (manifest.bitsPerPixel() == 8) {
            for (int i = 0; i < pixelsPerImage; i++) dst[offset + i] = chunk.get(base + i) & 0xFF;
        } else {
            for (int i = 0; i < pixelsPerImage; i++) dst[offset + i] = chunk.getShort(base + 2 * i) & 0xFFFF;
        }
    }

    /** Image {@code row} as a new S×S array. */
    public float[] image(int row) {
        float[] out = new float[pixelsPerImage];
        readImage(row, out, 0);
        return out;
    }

    /** The given images packed one after the other (rows.length × S × S), e.g. one training batch. */
    public float[] images(int[] rows) {
        float[] out = new float[rows.length * pixelsPerImage];
        for (int i = 0; i < rows.length; i++) readImage(rows[i], out, i * pixelsPerImage);
        return out;
    }

    /** {@code rows} cut into batches in order (the last one may be short). */
    public static List<int[]> batches(int[] rows, int batchSize) {
        if (batchSize <= 0) throw new IllegalArgumentException("batch size must be positive");
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < rows.length; i += batchSize) {
            out.add(Arrays.copyOfRange(rows, i, Math.min(rows.length, i + batchSize)));
        }
        return out;
    }

    /** {@code rows} shuffled with {@code seed} (Fisher–Yates) and cut into batches: one training epoch. */
    public static List<int[]> shuffledBatches(int[] rows, int batchSize, long seed) {
        int[] a = rows.clone();
        Shuffle.shuffle(a, new Random(seed));
        return batches(a, batchSize);
    }

    @Override
    public void close() {
        // mapped buffers are released by the garbage collector; nothing else is held open
    }
}
