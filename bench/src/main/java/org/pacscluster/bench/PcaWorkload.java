package org.pacscluster.bench;

import java.util.List;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.embed.PcaConfig;
import org.pacscluster.embed.PcaEmbedder;
import org.pacscluster.progress.Progress;

/** PCA(20) fit + transform of real 64² MedNIST pixels against scikit-learn's PCA. */
final class PcaWorkload implements Workload {
    @Override public String name() { return "pca-20"; }

    @Override
    public String description() {
        return "PCA(20) fit + transform of MedNIST 64² pixels (4,096-d; ours streams them from the dataset) vs"
                + " sklearn PCA(20, svd_solver='auto')";
    }

    @Override public String unit() { return "img/s"; }

    @Override public double goal() { return Double.NaN; }

    @Override
    public Trial prepare(BenchContext ctx) throws Exception {
        int n = ctx.sizes().pcaImages();
        Dataset ds = ctx.mednist(64);
        int[] rows = BenchContext.firstRows(n);
        PcaEmbedder[] last = {null};
        Trial.Run ours = () -> {
            PcaEmbedder pca = new PcaEmbedder(PcaConfig.defaults());
            pca.fit(ds, rows, Progress.NONE);
            pca.transform(ds, rows, Progress.NONE);
            last[0] = pca;
        };
        return Trial.of(n, ours, "bench_sklearn.py", List.of("--workload", "pca", "--input",
                        ctx.imagesNpy(64, n).toString(), "--components", "20"),
                String.format("n = %,d; both choose the randomized solver here (7 power iterations); ours reads the"
                        + " 8-bit dataset, theirs a float32 array in memory", n))
                .withSummary(() -> "explained variance " + BenchReport.fmt(java.util.Arrays.stream(
                        last[0].model().explainedVarianceRatio()).sum()));
    }
}
