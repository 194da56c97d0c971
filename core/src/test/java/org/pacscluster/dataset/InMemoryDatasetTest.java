package org.pacscluster.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dataset in memory gives a model exactly the pixels a dataset folder written from the same images gives. */
class InMemoryDatasetTest {
    @TempDir
    Path dir;

    @Test
    void inMemoryImagesEqualTheFolderWrittenFromTheSameImages() throws Exception {
        for (int bits : new int[] {8, 16}) {
            int size = 8, n = 5;
            Random rnd = new Random(bits);
            float[][] images = new float[n][size * size];
            for (float[] im : images) for (int i = 0; i < im.length; i++) im[i] = rnd.nextFloat();
            Path folder = dir.resolve("d" + bits);
            try (DatasetWriter w = DatasetWriter.openOrResume(folder, new DatasetWriter.Settings(size, bits))) {
                for (int i = 0; i < n; i++) {
                    w.append(new DatasetWriter.Entry("k" + i, "id" + i, "s" + i, "CT", "HEAD", "", "", ""), images[i]);
                }
                w.finish(1, 0.0, "test", "default", "test");
            }
            ByteBuffer levels = ByteBuffer.allocate(n * size * size * bits / 8).order(ByteOrder.LITTLE_ENDIAN);
            List<ImageRecord> records = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                DatasetWriter.encode(images[i], bits, levels);
                records.add(new ImageRecord(i, "id" + i, "s" + i, "CT", "HEAD", Split.TRAIN, "", "", ""));
            }
            try (Dataset onDisk = Dataset.open(folder);
                 Dataset inMemory = Dataset.inMemory(size, bits, records, levels.array())) {
                assertNull(inMemory.directory());
                assertEquals(n, inMemory.size());
                assertEquals(bits, inMemory.manifest().bitsPerPixel());
                for (int i = 0; i < n; i++) {
                    assertArrayEquals(onDisk.image(i), inMemory.image(i), "bits " + bits + " image " + i);
                    double[] a = new double[size * size], b = new double[size * size];
                    onDisk.readLevels(i, a, 0);
                    inMemory.readLevels(i, b, 0);
                    assertArrayEquals(a, b);
                }
            }
        }
    }

    @Test
    void refusesPixelsThatDoNotMatchTheRecords() {
        List<ImageRecord> one = List.of(new ImageRecord(0, "a", "s", "CT", "HEAD", Split.TRAIN, "", "", ""));
        assertThrows(IllegalArgumentException.class, () -> Dataset.inMemory(8, 8, one, new byte[63]));
        List<ImageRecord> badRow = List.of(new ImageRecord(3, "a", "s", "CT", "HEAD", Split.TRAIN, "", "", ""));
        assertThrows(IllegalArgumentException.class, () -> Dataset.inMemory(8, 8, badRow, new byte[64]));
    }
}
