package org.pacscluster.cli;

import java.nio.file.Path;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.Split;
import org.pacscluster.io.OutputPaths;
import picocli.CommandLine.Option;

/**
 * Which images a training command (train, experiment, sweep) learns from and scores: the same options, with the
 * same meaning, in each. Subsets are seeded, so the same seed picks the same images.
 */
public final class DatasetOptions {
    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "dataset folder (from ingest)")
    Path dataset;

    @Option(names = "--train-limit", defaultValue = "0", paramLabel = "N",
            description = "train on at most N train images, a seeded subset; 0 = all (default ${DEFAULT-VALUE})")
    int trainLimit;

    @Option(names = "--test-limit", defaultValue = "0", paramLabel = "N",
            description = "score at most N test images, a seeded subset; 0 = all (default ${DEFAULT-VALUE})")
    int testLimit;

    @Option(names = "--silhouette-sample", defaultValue = "5000", paramLabel = "N",
            description = "test points in the silhouette, a seeded sample (default ${DEFAULT-VALUE})")
    int silhouetteSample;

    /** What the command's outputs must stay apart from: the dataset. */
    java.util.List<OutputPaths.Input> inputs() { return java.util.List.of(OutputPaths.input("the dataset", dataset)); }

    /** The train rows for {@code seed} (the experiment's and the sweep's choice too). */
    int[] trainRows(Dataset data, long seed) { return data.rows(Split.TRAIN, trainLimit, seed); }

    /** The test rows for {@code seed}. */
    int[] testRows(Dataset data, long seed) { return data.rows(Split.TEST, testLimit, seed); }
}
