package org.pacscluster.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pacscluster.cluster.Assignments;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.Split;
import org.pacscluster.io.OutputPaths;
import org.pacscluster.method.ClusteringModel;
import org.pacscluster.method.ModelFolder;
import org.pacscluster.progress.Progress;
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

    @Mixin
    OverwriteOption overwrite = new OverwriteOption();

    /** The loaded model, the opened SOURCE, the chosen rows and where the model put them. Close it. */
    record Applied(ClusteringModel model, Dataset data, int[] rows, Assignments assignments) implements AutoCloseable {
        @Override
        public void close() {
            try (model) {
                data.close();
            }
        }
    }

    /**
     * Checks the output file {@code out} (not an input, not inside one, not an existing file unless --overwrite),
     * loads the model, opens SOURCE at its image size (ingesting it first, beside {@code out}, when it is not a
     * dataset) and assigns the chosen rows, on the hardware the options ask for.
     */
    Applied apply(HardwareOptions hardware, Path out, String task) throws Exception {
        List<OutputPaths.Input> inputs = new ArrayList<>(input.inputs(source));
        inputs.add(OutputPaths.input("the model", model));
        OutputPaths.requireFile(out, overwrite.overwrite, inputs);
        ClusteringModel m = ModelFolder.load(model, hardware.hardware());
        Dataset data = null;
        try {
            data = input.open(source, m.card().preprocessing().imageSize(), out, hardware.threads, inputs,
                    overwrite.overwrite);
            Dataset d = data;
            int[] rows = split.equalsIgnoreCase("all") ? d.allRows() : d.rows(Split.parse(split));
            Assignments a;
            try (Progress p = Progress.console(task)) {
                a = Parallel.call(hardware, () -> m.assign(d, rows, p));
            }
            return new Applied(m, d, rows, a);
        } catch (Exception | Error e) {
            if (data != null) data.close();
            m.close();
            throw e;
        }
    }
}
