package org.pacscluster.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pacscluster.cluster.ClusteringRun;
import org.pacscluster.cluster.KMeansConfig;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.embed.Embedder;
import org.pacscluster.embed.Embedders;
import org.pacscluster.embed.PcaEmbedder;
import org.pacscluster.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pacscluster cluster}: one fixed-embedding baseline end to end on a dataset. */
@Command(name = "cluster", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Embed a dataset with PCA, HOG or LBP (fit on the train split), cluster the train embeddings "
                + "with k-means, assign the test split to the nearest centres and score it (silhouette in the "
                + "embedding space; NMI, homogeneity, completeness, ARI against modality and region).",
                "Writes OUT/assignments.csv, OUT/metrics.json, OUT/centres.csv and OUT/embedder/."},
        footer = {"", "Example:", "  pacscluster cluster --dataset work/mednist --method hog --k 25 --out runs/hog"})
public final class ClusterCommand implements Callable<Integer> {
    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "dataset folder (from ingest)")
    Path dataset;

    @Option(names = "--method", required = true, description = "pca, hog or lbp")
    String method;

    @Option(names = "--k", defaultValue = "25", description = "number of clusters (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--seed", defaultValue = "0", description = "seed of k-means++ and of the silhouette sample (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--n-init", defaultValue = "10", description = "k-means restarts (default: ${DEFAULT-VALUE}, as scikit-learn)")
    int nInit;

    @Option(names = "--max-iter", defaultValue = "300", description = "Lloyd iterations per restart at most (default: ${DEFAULT-VALUE})")
    int maxIter;

    @Option(names = "--tol", defaultValue = "1e-4", description = "relative tolerance, scikit-learn's (default: ${DEFAULT-VALUE})")
    double tol;

    @Option(names = "--silhouette-sample", defaultValue = "5000",
            description = "silhouette over at most this many test images (seeded sample; exact below; default: ${DEFAULT-VALUE})")
    int silhouetteSample;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Override
    public Integer call() throws Exception {
        Embedder embedder = Embedders.create(method);
        ClusteringRun.Settings settings = new ClusteringRun.Settings(
                new KMeansConfig(k, nInit, maxIter, tol, seed), silhouetteSample);
        try (Dataset data = Dataset.open(dataset)) {
            ClusteringRun.Outcome o = ClusteringRun.run(data, embedder, settings, Progress::console);
            ClusteringRun.write(o, data, settings, out);
            System.out.printf("%s on %s: %d train / %d test images, %d features, k=%d%n", o.method(), dataset,
                    o.trainRows().length, o.testRows().length, embedder.dimension(), k);
            if (embedder instanceof PcaEmbedder pca) {
                System.out.printf("PCA explained variance of %d components: %.4f%n",
                        pca.model().explainedVarianceRatio().length, pca.model().explainedVariance());
            }
            System.out.print(ClusteringRun.table(o));
            StringBuilder times = new StringBuilder("seconds:");
            o.seconds().forEach((name, s) -> times.append(String.format(" %s %.1f", name, s)));
            System.out.println(times);
            System.out.println("wrote " + out.resolve(ClusteringRun.ASSIGNMENTS) + " and " + out.resolve(ClusteringRun.METRICS));
        }
        return 0;
    }
}
