package org.pacscluster.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.DatasetManifest;
import org.pacscluster.pacs.PacsConfigLoader;
import org.pacscluster.pacs.PacsSourceOptions;
import org.pacscluster.progress.Progress;
import org.pacscluster.source.ImageSource;

/**
 * The input of anything that applies a model: a dataset folder as it is, or any location {@code ingest} reads (a
 * DICOM folder, an image folder or ZIP, a PACS) ingested first, at the model's image size, into a work folder — kept,
 * so that a re-run resumes it and a second command reuses it.
 */
public final class DatasetInput {
    /**
     * The opened dataset and, when it had to be ingested first, how that went.
     *
     * @param data     the dataset (close it)
     * @param ingested the ingest's summary, or null when {@code location} already was a dataset
     */
    public record Opened(Dataset data, Ingestor.Summary ingested) {}

    private DatasetInput() {}

    /** Whether {@code location} is a finished dataset folder. */
    public static boolean isDataset(String location) {
        return !PacsConfigLoader.isPacsSource(location) && Files.isRegularFile(Path.of(location).resolve(DatasetManifest.FILE));
    }

    /**
     * Opens {@code location} as a dataset of {@code imageSize}² images, ingesting it into {@code work} first when it
     * is not a dataset. The work folder is claimed like any dataset folder: a re-run with the same source resumes or
     * reuses it; one with another source or size is refused unless {@code work} allows overwriting.
     *
     * @param threads    decoding threads of the ingest (a PACS gets at least its parallel downloads)
     * @param vocabulary the region vocabulary's name for the manifest ("default" or its path)
     * @param tool       the version recorded in the manifest
     */
    public static Opened open(String location, Sources.Options options, PacsSourceOptions pacs, int imageSize,
                              int threads, Ingestor.Target work, String vocabulary, String tool, Progress progress)
            throws IOException {
        if (isDataset(location)) {
            return new Opened(Dataset.open(Path.of(location)), null);
        }
        int t = PacsConfigLoader.isPacsSource(location) ? Math.max(threads, pacs.parallelOrDefault()) : threads;
        Ingestor.Summary s;
        try (ImageSource src = Sources.open(location, options, pacs)) {
            s = new Ingestor(new IngestConfig(imageSize, 8, 0.0, 0, t), vocabulary, tool).run(src, work, progress);
        }
        if (s.manifest() == null) {
            throw new IllegalStateException(s.failed() + " images could not be loaded (first: " + s.firstFailure()
                    + "); run the same command again to retry them");
        }
        return new Opened(Dataset.open(work.dir()), s);
    }
}
