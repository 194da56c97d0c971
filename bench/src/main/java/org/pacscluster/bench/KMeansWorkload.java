package org.pacscluster.bench;

import java.util.List;
import org.pacscluster.cluster.KMeans;
import org.pacscluster.cluster.KMeansConfig;
import org.pacscluster.cluster.KMeansResult;

/** k-means (K=25, n_init=20) on 30,000 real 100-d points against scikit-learn's KMeans(algorithm='lloyd'). */
final class KMeansWorkload implements Workload {
    @Override public String name() { return "kmeans"; }

    @Override
    public String description() {
        return "k-means fit (greedy k-means++, n_init restarts, Lloyd, tol 1e-4, max_iter 300) of MedNIST 10×10"
                + " thumbnails (100-d, float32 data computed in float32 on both sides) vs sklearn KMeans(algorithm='lloyd')";
    }

    @Override public String unit() { return "fit/min"; }

    @Override public double unitScale() { return 60; }

    /** Issue 12's goal per fit. */
    @Override public double goal() { return 1.2; }

    @Override public int repeats(int requested) { return Math.min(requested, 5); }

    @Override
    public Trial prepare(BenchContext ctx) throws Exception {
        Sizes s = ctx.sizes();
        float[][] x = ctx.thumbnailsFloat32(s.kmeansN());
        int[] run = {0};
        KMeansResult[] last = {null};
        Trial.Run ours = () -> last[0] = KMeans.fit(x, new KMeansConfig(s.kmeansK(), s.kmeansNInit(), 300, 1e-4, run[0]++));
        return Trial.of(1, ours, "bench_sklearn.py", List.of("--workload", "kmeans", "--input",
                        ctx.thumbnailsNpy(s.kmeansN()).toString(), "--k", Integer.toString(s.kmeansK()),
                        "--n-init", Integer.toString(s.kmeansNInit()), "--max-iter", "300", "--tol", "1e-4"),
                String.format("n = %,d, d = 100, K = %d, n_init = %d; each timed run uses another seed on both sides,"
                        + " so the number of Lloyd iterations varies from run to run; ours float32 by %s", s.kmeansN(), s.kmeansK(),
                        s.kmeansNInit(), KMeans.float32Kernel()))
                .withSummary(() -> "inertia " + BenchReport.fmt(last[0].inertia()) + " (best run " + last[0].iterations() + " iterations)");
    }
}
