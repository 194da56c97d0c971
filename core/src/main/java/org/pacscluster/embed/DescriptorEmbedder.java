package org.pacscluster.embed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.progress.Progress;

/**
 * A fixed image descriptor (HOG, LBP): nothing to learn, so fit only records the image size; transform describes
 * the images in parallel, one reusable descriptor object per thread.
 */
abstract class DescriptorEmbedder implements Embedder {
    private int imageSize = -1;

    /** Descriptor length for S×S images. */
    abstract int length(int size);

    /** Whether images are read as raw quantisation levels (LBP) or scaled to [0, 1] (HOG). */
    abstract boolean rawLevels();

    /** Describes one S×S image into {@code out} from 0; called from many threads. */
    abstract void describe(double[] img, int size, double[] out);

    @Override
    public void fit(Dataset data, int[] rows, Progress progress) {
        imageSize = data.imageSize();
        length(imageSize); // refuses images too small for one cell/block
    }

    @Override
    public double[][] transform(Dataset data, int[] rows, Progress progress) throws IOException {
        int size = data.imageSize();
        if (imageSize >= 0 && size != imageSize) {
            throw new IllegalArgumentException(name() + " was set up for " + imageSize + "² images, dataset has " + size + "²");
        }
        imageSize = size;
        return transform(new DatasetPixels(data, rows, rawLevels()), size, progress);
    }

    /** Describes every row of {@code src} (S×S images, S = size). */
    double[][] transform(RowSource src, int size, Progress progress) {
        int len = length(size);
        double[][] out = new double[src.rows()][len];
        AtomicInteger done = new AtomicInteger();
        ThreadLocal<double[]> img = ThreadLocal.withInitial(() -> new double[size * size]);
        IntStream.range(0, src.rows()).parallel().forEach(i -> {
            double[] px = img.get();
            src.read(i, px);
            describe(px, size, out[i]);
            int n = done.incrementAndGet();
            if ((n & 255) == 0) progress.step(n, src.rows());
        });
        progress.step(src.rows(), src.rows());
        return out;
    }

    @Override
    public int dimension() {
        if (imageSize < 0) throw new IllegalStateException(name() + " has not been fitted");
        return length(imageSize);
    }

    /** Nothing learned, nothing to save: the settings are the caller's to keep. */
    @Override
    public void save(Path dir) {}
}
