package org.pacscluster.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import org.pacscluster.io.AtomicFiles;

/**
 * {@code dataset.json}: written last, atomically, when an ingest finishes. Its presence is what makes a dataset
 * folder complete; a folder without it is an interrupted ingest that the next {@code ingest} run continues.
 *
 * @param formatVersion   layout version of the folder
 * @param imageSize       S: every image is S×S
 * @param bitsPerPixel    8 or 16: pixels are stored as unsigned integers q, value = q / (2^bits − 1)
 * @param count           number of images (rows of index.csv, images in pixels.bin)
 * @param trainCount      rows in the train split
 * @param testCount       rows in the test split
 * @param rejectedCount   source entries skipped (listed in rejected.csv)
 * @param seed            seed of the train/test shuffle
 * @param testFraction    requested fraction of the test split
 * @param source          where the images came from (no credentials)
 * @param vocabulary      the region vocabulary used ("default" or a path)
 * @param createdBy       pacscluster version that wrote it
 * @param created         ISO-8601 time the ingest finished
 */
public record DatasetManifest(int formatVersion, int imageSize, int bitsPerPixel, int count, int trainCount,
                              int testCount, int rejectedCount, long seed, double testFraction, String source,
                              String vocabulary, String createdBy, String created) {
    public static final String FILE = "dataset.json";
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static DatasetManifest read(Path dir) throws IOException {
        try {
            return JSON.readValue(dir.resolve(FILE).toFile(), DatasetManifest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw org.pacscluster.io.DamagedFile.of(dir.resolve(FILE), e);
        }
    }

    public void write(Path dir) throws IOException {
        AtomicFiles.writeString(dir.resolve(FILE), JSON.writeValueAsString(this) + "\n");
    }

    public int bytesPerPixel() { return bitsPerPixel / 8; }
}
