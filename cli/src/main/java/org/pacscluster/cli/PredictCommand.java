package org.pacscluster.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.ImageRecord;
import org.pacscluster.dataset.Split;
import org.pacscluster.deep.DeepModel;
import org.pacscluster.deep.ModelInfo;
import org.pacscluster.io.AtomicFiles;
import org.pacscluster.io.Csv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pacscluster predict}: assign the images of a dataset to the clusters of a saved model, without retraining. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Assign images to the clusters of a trained model (from 'train').",
                "Writes id, source, cluster, probability and the cluster's majority modality and region"
                        + " (from the model's training data)."})
public final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "model folder written by train")
    Path model;

    @Parameters(index = "0", paramLabel = "SOURCE",
            description = "dataset folder, or a DICOM folder, image folder/ZIP or dicomweb+http(s):// PACS (ingested first)")
    String source;

    @Mixin
    SourceOptions input = new SourceOptions();

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "assignments file to write")
    Path out;

    @Option(names = "--split", defaultValue = "all", description = "all, train or test (default ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--threads", defaultValue = "0", description = "CPU threads, 0 = engine default")
    int threads;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu, gpu or gpu:N (default ${DEFAULT-VALUE})")
    String device;

    @Override
    public Integer call() throws Exception {
        try (DeepModel m = DeepModel.load(model, device, threads);
             Dataset data = input.open(source, m.info().preprocessing().imageSize(), out)) {
            int[] rows = split.equalsIgnoreCase("all") ? data.allRows() : data.rows(Split.parse(split));
            DeepModel.Assignments a = m.assign(data, rows);
            List<ModelInfo.ClusterSummary> clusters = m.info().clusters();
            AtomicFiles.writeText(out, w -> {
                w.write(Csv.line("id", "source", "cluster", "probability", "cluster_modality", "cluster_region"));
                w.write('\n');
                for (int i = 0; i < rows.length; i++) {
                    ImageRecord r = data.record(rows[i]);
                    ModelInfo.ClusterSummary c = clusters.get(a.clusters()[i]);
                    w.write(Csv.line(r.id(), r.source(), a.clusters()[i],
                            String.format(Locale.ROOT, "%.4f", a.probabilities()[i]), c.modality(), c.region()));
                    w.write('\n');
                }
            });
            List<Integer> used = new ArrayList<>();
            for (int c : a.clusters()) if (!used.contains(c)) used.add(c);
            System.out.printf(Locale.ROOT, "assigned %d images to %d of %d clusters (%s model); written to %s%n",
                    rows.length, used.size(), m.k(), m.info().method(), out);
        }
        return 0;
    }
}
