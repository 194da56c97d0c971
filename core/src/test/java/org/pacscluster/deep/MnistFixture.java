package org.pacscluster.deep;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.pacscluster.SharedData;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.DatasetManifest;
import org.pacscluster.io.Csv;

/**
 * MNIST (train then t10k, as DEC/IDEC/DCEC pool all 70,000) written straight in the dataset cache format: the
 * 28×28 digits min-max scaled and zero-padded to 32×32 (2 pixels each side), the digit as both label columns, every
 * image in the train split (the clustering protocol scores the images it clustered).
 */
final class MnistFixture {
    private MnistFixture() {}

    /** The first {@code n} MNIST images (≤ 70,000) as a dataset in {@code dir} (written once, then reopened). */
    static Dataset first(Path dir, int n) throws IOException {
        if (!Files.exists(dir.resolve(DatasetManifest.FILE))) write(dir, n);
        return Dataset.open(dir);
    }

    private static void write(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        List<String> index = new ArrayList<>();
        index.add("row,id,source,modality,region,split,body_part,study_description,series_description");
        int row = 0;
        try (OutputStream out = Files.newOutputStream(dir.resolve(Dataset.PIXELS))) {
            for (String part : new String[] {"train", "t10k"}) {
                byte[] img = gunzip(SharedData.data("mnist/" + part + "-images-idx3-ubyte.gz"));
                byte[] lab = gunzip(SharedData.data("mnist/" + part + "-labels-idx1-ubyte.gz"));
                for (int i = 0; i < lab.length - 8 && row < n; i++, row++) {
                    out.write(padded(img, 16 + i * 784));
                    String digit = Integer.toString(lab[8 + i]);
                    index.add(Csv.line(row, part + "-" + i, "mnist/" + part, digit, digit, "train", "", "", ""));
                }
            }
        }
        Files.write(dir.resolve(Dataset.INDEX), index);
        new DatasetManifest(DatasetManifest.FORMAT_VERSION, 32, 8, row, row, 0, 0, 0, 0, "MNIST train+t10k, first " + row,
                "none", "test", "now").write(dir);
    }

    /** One 28×28 digit at {@code offset}, min-max scaled to 0..255, centred in 32×32 zeros. */
    private static byte[] padded(byte[] img, int offset) {
        int min = 255, max = 0;
        for (int p = 0; p < 784; p++) { int v = img[offset + p] & 0xFF; min = Math.min(min, v); max = Math.max(max, v); }
        byte[] out = new byte[32 * 32];
        for (int y = 0; y < 28; y++) for (int x = 0; x < 28; x++) {
            int v = img[offset + y * 28 + x] & 0xFF;
            out[(y + 2) * 32 + x + 2] = (byte) (max > min ? Math.round(255.0 * (v - min) / (max - min)) : 0);
        }
        return out;
    }

    private static byte[] gunzip(Path p) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) { return in.readAllBytes(); }
    }
}
