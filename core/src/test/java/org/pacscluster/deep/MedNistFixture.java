package org.pacscluster.deep;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import org.pacscluster.SharedData;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.DatasetManifest;
import org.pacscluster.io.Csv;

/**
 * Small real datasets for the deep tests, written straight in the dataset cache format from MedNIST's JPEGs (the
 * 64×64 originals, min-max per image, optionally 2×2-averaged to 32×32), so the trainer reads them through the
 * ordinary {@link Dataset} reader. Every fifth image of a class goes to the test split.
 */
final class MedNistFixture {
    private MedNistFixture() {}

    /** The first {@code perClass} images of each of MedNIST's six classes at {@code size} (64 or 32). */
    static Dataset subset(Path dir, int perClass, int size) throws IOException {
        if (size != 64 && size != 32) throw new IllegalArgumentException("size must be 64 or 32");
        if (!Files.exists(dir.resolve(DatasetManifest.FILE))) write(dir, perClass, size);
        return Dataset.open(dir);
    }

    /** Raw pixels in [0,1] (64×64, min-max) of the first {@code n} images of each class, class by class. */
    static float[][] images(int perClass) throws IOException {
        List<float[]> out = new ArrayList<>();
        for (Entry e : entries(perClass)) out.add(e.pixels);
        return out.toArray(new float[0][]);
    }

    private record Entry(String file, String modality, String region, float[] pixels) {}

    private static List<Entry> entries(int perClass) throws IOException {
        Csv.Table labels = Csv.read(SharedData.mednistLabels());
        int file = labels.requireColumn("file", "labels.csv"), cls = labels.requireColumn("class", "labels.csv");
        int mod = labels.requireColumn("modality", "labels.csv"), reg = labels.requireColumn("region", "labels.csv");
        Map<String, Integer> taken = new LinkedHashMap<>();
        List<Entry> out = new ArrayList<>();
        try (ZipFile zip = new ZipFile(SharedData.mednistZip().toFile())) {
            for (List<String> row : labels.rows()) {
                if (taken.merge(row.get(cls), 1, Integer::sum) > perClass) continue;
                ZipEntry ze = zip.getEntry(row.get(file));
                byte[] bytes;
                try (InputStream in = zip.getInputStream(ze)) { bytes = in.readAllBytes(); }
                out.add(new Entry(row.get(file), row.get(mod), row.get(reg), decode(bytes)));
            }
        }
        return out;
    }

    private static float[] decode(byte[] jpeg) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        Raster r = img.getRaster();
        int w = img.getWidth(), h = img.getHeight();
        float[] px = new float[w * h];
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            float v = r.getSample(x, y, 0);
            px[y * w + x] = v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        for (int i = 0; i < px.length; i++) px[i] = max > min ? (px[i] - min) / (max - min) : 0;
        return px;
    }

    private static void write(Path dir, int perClass, int size) throws IOException {
        List<Entry> entries = entries(perClass);
        Files.createDirectories(dir);
        List<String> index = new ArrayList<>();
        index.add("row,id,source,modality,region,split,body_part,study_description,series_description");
        int train = 0, test = 0;
        Map<String, Integer> seen = new LinkedHashMap<>();
        try (OutputStream out = Files.newOutputStream(dir.resolve(Dataset.PIXELS))) {
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                float[] px = size == 64 ? e.pixels : halve(e.pixels, 64);
                byte[] b = new byte[px.length];
                for (int j = 0; j < px.length; j++) b[j] = (byte) Math.round(px[j] * 255);
                out.write(b);
                String cls = e.file.substring(0, e.file.indexOf('/'));
                boolean isTest = seen.merge(cls, 1, Integer::sum) % 5 == 0;
                if (isTest) test++; else train++;
                index.add(Csv.line(i, e.file, "MedNIST_jpeg.zip:" + e.file, e.modality, e.region,
                        isTest ? "test" : "train", "", "", ""));
            }
        }
        Files.write(dir.resolve(Dataset.INDEX), index);
        new DatasetManifest(DatasetManifest.FORMAT_VERSION, size, 8, entries.size(), train, test, 0, 0,
                0.2, "MedNIST subset (test fixture)", "default", "test", "now").write(dir);
    }

    /** 2×2 average: 64² → 32². */
    private static float[] halve(float[] px, int side) {
        int h = side / 2;
        float[] out = new float[h * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < h; x++) {
            out[y * h + x] = (px[2 * y * side + 2 * x] + px[2 * y * side + 2 * x + 1]
                    + px[(2 * y + 1) * side + 2 * x] + px[(2 * y + 1) * side + 2 * x + 1]) / 4;
        }
        return out;
    }
}
