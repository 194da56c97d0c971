package org.pacscluster.bench;

import java.util.List;
import org.pacscluster.tsne.Tsne;
import org.pacscluster.tsne.TsneConfig;
import org.pacscluster.tsne.TsneResult;

/** Barnes–Hut t-SNE of 8,000 real 100-d points against scikit-learn's TSNE. */
final class TsneWorkload implements Workload {
    static final double PERPLEXITY = 30;

    @Override public String name() { return "tsne"; }

    @Override
    public String description() {
        return "Barnes–Hut t-SNE to 2-d (perplexity 30, angle 0.5, PCA init, learning rate auto) of MedNIST 10×10"
                + " thumbnails (100-d) vs sklearn TSNE(method='barnes_hut')";
    }

    @Override public String unit() { return "fit/min"; }

    @Override public double unitScale() { return 60; }

    @Override public double goal() { return 1.0; }

    /** A fit is a minute or more of steady work: JIT warm-up is a negligible part of it. */
    @Override public int repeats(int requested) { return Math.min(requested, 3); }

    @Override public int warmup(int requested) { return 0; }

    @Override
    public Trial prepare(BenchContext ctx) throws Exception {
        Sizes s = ctx.sizes();
        double[][] x = ctx.thumbnailsAsFloat32(s.tsneN());
        long[] seed = {0};
        TsneResult[] last = {null};
        // no PCA pre-reduction on our side: both sides then search neighbours in the same 100-d space
        Trial.Run ours = () -> last[0] = Tsne.embed(x, TsneConfig.builder().optPerplexity(PERPLEXITY).optTheta(0.5)
                .optIterations(s.tsneIterations()).optPcaDimensions(0).optPcaInit(true).optSeed(seed[0]++).build());
        List<String> args = List.of("--workload", "tsne", "--input", ctx.thumbnailsNpy(s.tsneN()).toString(),
                "--perplexity", Double.toString(PERPLEXITY), "--iterations", Integer.toString(s.tsneIterations()),
                "--angle", "0.5", "--init", "pca", "--learning-rate", "auto");
        return Trial.of(1, ours, "bench_sklearn.py", args, String.format("n = %,d, %d iterations (250 exaggerated),"
                + " both on the same 100-d input (our default 50-d PCA pre-reduction off)", s.tsneN(), s.tsneIterations()))
                .withSummary(() -> "kl divergence " + BenchReport.fmt(last[0].klDivergence()));
    }
}
