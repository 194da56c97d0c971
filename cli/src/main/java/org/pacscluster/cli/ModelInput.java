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
import org.pacscluster.method.Novelty;
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

    @Option(names = "--novelty-quantile", defaultValue = "0.99", paramLabel = "Q",
            description = "an image is novel (fits no cluster) when it lies farther from its cluster's centre than"
                    + " this quantile of the model's training images (0.9 to 1; default ${DEFAULT-VALUE})")
    double noveltyQuantile;

    @Option(names = "--novelty-model", paramLabel = "MODEL",
            description = "decide novelty with this model's embedding and calibration instead of --model's (same image"
                    + " size; a HOG model tells other modalities apart best, see docs/deep.md)")
    Path noveltyModel;

    @Mixin
    SourceOptions input = new SourceOptions();

    @Mixin
    OverwriteOption overwrite = new OverwriteOption();

    /**
     * The loaded model, the opened SOURCE, the chosen rows, where the model put them, each row's distance to its
     * cluster's centre (in the novelty model's embedding, where one was given) and the distance beyond which a row
     * is novel (NaN for models made before 0.3). Close it.
     */
    record Applied(ClusteringModel model, Dataset data, int[] rows, Assignments assignments, double[] distances,
                   double noveltyThreshold) implements AutoCloseable {
        /** Whether row i fits no cluster; false where the model has no calibration. */
        boolean novel(int i) { return distances[i] > noveltyThreshold; }

        int novelCount() {
            int n = 0;
            for (int i = 0; i < rows.length; i++) if (novel(i)) n++;
            return n;
        }

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
        Novelty.requireLevel(noveltyQuantile);
        List<OutputPaths.Input> inputs = new ArrayList<>(input.inputs(source));
        inputs.add(OutputPaths.input("the model", model));
        if (noveltyModel != null) inputs.add(OutputPaths.input("the novelty model", noveltyModel));
        OutputPaths.requireFile(out, overwrite.overwrite, inputs);
        ClusteringModel m = ModelFolder.load(model, hardware.hardware());
        Dataset data = null;
        try {
            data = input.open(source, m.card().preprocessing().imageSize(), out, hardware.threads, inputs,
                    overwrite.overwrite);
            Dataset d = data;
            int[] rows = split.equalsIgnoreCase("all") ? d.allRows() : d.rows(Split.parse(split));
            ClusteringModel.Placement placed;
            try (Progress p = Progress.console(task)) {
                placed = Parallel.call(hardware, () -> m.place(d, rows, p));
            }
            ClusteringModel guard = noveltyModel == null ? m : ModelFolder.load(noveltyModel, hardware.hardware());
            try {
                if (guard != m && guard.card().preprocessing().imageSize() != m.card().preprocessing().imageSize()) {
                    throw new IllegalArgumentException("--novelty-model " + noveltyModel + " takes "
                            + guard.card().preprocessing().imageSize() + "² images, --model " + model + " takes "
                            + m.card().preprocessing().imageSize() + "²");
                }
                ClusteringModel.Placement judged = guard == m ? placed
                        : Parallel.call(hardware, () -> guard.place(d, rows, Progress.NONE));
                double[] distances = Novelty.distances(judged.embedding(), judged.clusters(), guard.centres());
                Novelty novelty = guard.card().novelty();
                double threshold = novelty == null ? Double.NaN : novelty.threshold(noveltyQuantile);
                return new Applied(m, d, rows, placed.assignments(), distances, threshold);
            } finally {
                if (guard != m) guard.close();
            }
        } catch (Exception | Error e) {
            if (data != null) data.close();
            m.close();
            throw e;
        }
    }
}
