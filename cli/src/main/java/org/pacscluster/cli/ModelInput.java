package org.pacscluster.cli;

import java.nio.file.Path;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.Split;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What the commands that apply a saved model (predict, audit) read: the model, a SOURCE of images and which of
 * its rows — the same options with the same meaning in both.
 */
public final class ModelInput {
    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "model folder (from train, or an experiment's models/<method>)")
    Path model;

    @Parameters(index = "0", paramLabel = "SOURCE",
            description = "dataset folder, or a DICOM folder, image folder/ZIP or dicomweb+http(s):// PACS (ingested first)")
    String source;

    @Option(names = "--split", defaultValue = "all", description = "rows of a dataset SOURCE: all, train or test (default ${DEFAULT-VALUE})")
    String split;

    @Mixin
    SourceOptions input = new SourceOptions();

    /** Opens SOURCE at the model's image size (ingesting it first, on {@code threads}, when it is not a dataset). */
    Dataset open(int imageSize, Path out, int threads) throws Exception {
        return input.open(source, imageSize, out, threads);
    }

    int[] rows(Dataset data) {
        return split.equalsIgnoreCase("all") ? data.allRows() : data.rows(Split.parse(split));
    }
}
