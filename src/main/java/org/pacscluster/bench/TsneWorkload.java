package org.pacscluster.bench;

import java.util.List;

/** Barnes–Hut t-SNE of 8,000 real 100-d points against scikit-learn's TSNE. */
final class TsneWorkload implements Workload {
    static final double PERPLEXITY = 30;

    @Override public String name() { return "tsne"; }

    @Override
    public String description() {
        return "Barnes–Hut t-SNE to 2-d (perplexity 30, angle 0.5) of MedNIST 10×10 thumbnails (100-d) vs sklearn TSNE";
    }

    @Override public String unit() { return "fit/min"; }

    @Override public double unitScale() { return 60; }

    @Override public double goal() { return 1.0; }

    @Override
    public Trial prepare(BenchContext ctx) throws Exception {
        Sizes s = ctx.sizes();
        List<String> args = List.of("--workload", "tsne", "--input", ctx.thumbnailsNpy(s.tsneN()).toString(),
                "--perplexity", Double.toString(PERPLEXITY), "--iterations", Integer.toString(s.tsneIterations()),
                "--angle", "0.5", "--init", "pca", "--learning-rate", "auto");
        String notes = String.format("n = %,d, %d iterations", s.tsneN(), s.tsneIterations());
        return Trial.theirsOnly("the t-SNE of the report package is not in this build yet", "bench_sklearn.py", args, notes);
    }
}
