package org.pacscluster.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pacscluster.cluster.Assignments;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.ImageRecord;
import org.pacscluster.evaluate.ClusterMakeup;
import org.pacscluster.io.AtomicFiles;
import org.pacscluster.io.Csv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pacscluster predict}: assign the images of a source to the clusters of a saved model, without retraining. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Assign images to the clusters of a saved model of any method (from 'train' or an experiment).",
                "Writes id, source, cluster, probability, the cluster's majority modality and region (from the model's"
                        + " training data), the distance to the cluster's centre and whether the image is novel: farther"
                        + " from its centre than --novelty-quantile of the training images, i.e. it fits no cluster"
                        + " (a modality or body part the model never saw)."},
        footer = {"", "Example:", "  pacscluster predict --model work/model-hog /archive/new-studies --out assignments.csv"})
public final class PredictCommand implements Callable<Integer> {
    @Mixin
    ModelInput input = new ModelInput();

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "assignments file to write")
    Path out;

    @Mixin
    HardwareOptions hardware = new HardwareOptions();

    @Override
    public Integer call() throws Exception {
        try (ModelInput.Applied run = input.apply(hardware, out, "predict")) {
            Dataset data = run.data();
            int[] rows = run.rows();
            Assignments a = run.assignments();
            List<ClusterMakeup> clusters = run.model().card().clusters();
            AtomicFiles.writeText(out, w -> {
                w.write(Csv.line("id", "source", "cluster", "probability", "cluster_modality", "cluster_region",
                        "distance", "novel"));
                w.write('\n');
                for (int i = 0; i < rows.length; i++) {
                    ImageRecord r = data.record(rows[i]);
                    ClusterMakeup c = clusters.get(a.clusters()[i]);
                    w.write(Csv.line(r.id(), r.source(), a.clusters()[i],
                            String.format(Locale.ROOT, "%.4f", a.probabilities()[i]), c.modality(), c.region(),
                            String.format(Locale.ROOT, "%.4f", run.distances()[i]),
                            Double.isNaN(run.noveltyThreshold()) ? "" : run.novel(i) ? "yes" : "no"));
                    w.write('\n');
                }
            });
            long used = Arrays.stream(a.clusters()).distinct().count();
            System.out.printf(Locale.ROOT, "assigned %d images to %d of %d clusters (%s model); written to %s%n",
                    rows.length, used, run.model().k(), run.model().method().id(), out);
            System.out.println(Double.isNaN(run.noveltyThreshold())
                    ? "novelty not checked: the model was made before 0.3 (retrain it to calibrate)"
                    : String.format(Locale.ROOT, "%d of %d images fit no cluster (novel: farther from their centre than"
                            + " %.4f, the %s quantile of the training images)", run.novelCount(), rows.length,
                            run.noveltyThreshold(), input.noveltyQuantile));
        }
        return 0;
    }
}
