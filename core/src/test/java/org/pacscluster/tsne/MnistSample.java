package org.pacscluster.tsne;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.pacscluster.SharedData;

/** The first n MNIST test digits from ../shared/data/mnist (IDX, gzip): pixels / 255 and the digit labels. */
record MnistSample(double[][] pixels, String[] labels) {
    static MnistSample firstTestDigits(int n) throws IOException {
        Path dir = SharedData.data("mnist");
        byte[] img = readIdx(dir.resolve("t10k-images-idx3-ubyte.gz"), n, 784);
        byte[] lab = readIdx(dir.resolve("t10k-labels-idx1-ubyte.gz"), n, 1);
        double[][] x = new double[n][784];
        String[] y = new String[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 784; j++) x[i][j] = (img[i * 784 + j] & 0xFF) / 255.0;
            y[i] = Integer.toString(lab[i]);
        }
        return new MnistSample(x, y);
    }

    private static byte[] readIdx(Path file, int n, int itemBytes) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
            int magic = in.readInt();
            int dims = magic & 0xFF;
            int count = in.readInt();
            for (int i = 1; i < dims; i++) in.readInt();
            if (count < n) throw new IllegalArgumentException(file + " has only " + count + " items");
            byte[] out = new byte[n * itemBytes];
            in.readFully(out);
            return out;
        }
    }
}
