package org.pacscluster.bench;

import java.util.List;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.embed.Embedder;
import org.pacscluster.method.Method;
import org.pacscluster.method.MethodSettings;
import org.pacscluster.embed.LbpConfig;
import org.pacscluster.progress.Progress;

/** HOG or LBP of 256² images (real MedNIST ingested at --size 256) against scikit-image. */
final class DescriptorWorkload implements Workload {
    private final String method;

    DescriptorWorkload(String method) { this.method = method; }

    @Override public String name() { return method + "-256"; }

    @Override
    public String description() {
        return method.equals("hog")
                ? "HOG (9 orientations, 8×8 cells, 2×2 blocks, L2-Hys) of 256² MedNIST images vs skimage.feature.hog"
                : "LBP (P=8, R=1, " + LbpConfig.defaults().variant().name().toLowerCase(java.util.Locale.ROOT)
                        + ", 16×16-cell histograms) of 256² MedNIST images vs skimage local_binary_pattern + numpy histograms";
    }

    @Override public String unit() { return "img/s"; }

    @Override public double goal() { return 5.0; }

    @Override
    public Trial prepare(BenchContext ctx) throws Exception {
        int n = ctx.sizes().descriptorImages();
        Dataset ds = ctx.mednist(256);
        int[] rows = BenchContext.firstRows(n);
        int[] dim = {0};
        Trial.Run ours = () -> {
            Embedder e = Method.parse(method).newEmbedder(MethodSettings.paper());
            e.fit(ds, rows, Progress.NONE);
            dim[0] = e.transform(ds, rows, Progress.NONE)[0].length;
        };
        List<String> args = new java.util.ArrayList<>(List.of("--workload", method, "--input",
                ctx.imagesNpy(256, n).toString()));
        if (method.equals("lbp")) {
            LbpConfig c = LbpConfig.defaults();
            args.addAll(List.of("--lbp-method", c.variant().name().toLowerCase(java.util.Locale.ROOT),
                    "--lbp-cell", Integer.toString(c.cellSize()), "--lbp-normalise"));
        }
        return Trial.of(n, ours, "bench_features.py", args,
                String.format("%d images; ours reads them from the 8-bit dataset on T threads; theirs runs"
                        + " scikit-image in T forked worker processes (it is single-threaded)", n))
                .withSummary(() -> "feature length " + dim[0]);
    }
}
