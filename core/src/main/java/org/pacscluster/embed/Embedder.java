package org.pacscluster.embed;

import java.io.IOException;
import java.nio.file.Path;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.progress.Progress;

/**
 * Turns images into feature vectors. Fit once on the training rows of a dataset, then transform any rows.
 * Fixed descriptors (HOG, LBP) have nothing to learn and fit is a no-op for them.
 */
public interface Embedder {
    /** Short name used on the command line and in reports, e.g. "pca", "hog". */
    String name();

    /** Learns whatever the embedder needs from the given rows of the dataset. */
    void fit(Dataset data, int[] rows, Progress progress) throws IOException;

    /** One feature vector (length {@link #dimension()}) per row, in the order of {@code rows}. */
    double[][] transform(Dataset data, int[] rows, Progress progress) throws IOException;

    /** Length of the feature vectors; valid after fit. */
    int dimension();

    /**
     * Saves what fit learned (not the settings, which the caller keeps) into a directory, created if needed, so
     * that a model can be reused without refitting.
     */
    void save(Path dir) throws IOException;
}
