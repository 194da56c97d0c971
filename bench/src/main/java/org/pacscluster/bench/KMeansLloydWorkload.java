package org.pacscluster.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.pacscluster.cluster.KMeans;
import org.pacscluster.cluster.KMeansResult;

/**
 * Lloyd iterations alone, from the same given centres on both sides (the first K points), so the number of
 * iterations is the same and the seeding's luck drops out: the per-iteration speed of the distance and update steps.
 */
final class KMeansLloydWorkload implements Workload {
    static final int MAX_ITER = 100;

    @Override public String name() { return "kmeans-lloyd"; }

    @Override
    public String description() {
        return "k-means Lloyd iterations from the same initial centres (tol 0, at most " + MAX_ITER + ") on the kmeans"
                + " workload's data vs sklearn KMeans(init=centres, n_init=1, algorithm='lloyd')";
    }

    @Override public String unit() { return "iter/s"; }

    @Override public double goal() { return 1.0; }

    @Override
    public Trial prepare(BenchContext ctx) throws Exception {
        Sizes s = ctx.sizes();
        float[][] x = ctx.thumbnailsFloat32(s.kmeansN());
        double[][] init = new double[s.kmeansK()][];
        for (int q = 0; q < init.length; q++) {
            init[q] = new double[x[q].length];
            for (int j = 0; j < x[q].length; j++) init[q][j] = x[q][j];
        }
        Path initNpy = ctx.scratch().resolve("kmeans-init.npy");
        writeInit(initNpy, init);
        KMeansResult[] last = {null};
        // one run = one full Lloyd descent; the items of a run are its iterations, known after the warm-up
        KMeansResult probe = KMeans.lloyd(x, init, MAX_ITER, 0);
        Trial.Run ours = () -> last[0] = KMeans.lloyd(x, init, MAX_ITER, 0);
        return Trial.of(probe.iterations(), ours, "bench_sklearn.py", List.of("--workload", "kmeans-lloyd", "--input",
                        ctx.thumbnailsNpy(s.kmeansN()).toString(), "--init", initNpy.toString(),
                        "--max-iter", Integer.toString(MAX_ITER)),
                String.format("n = %,d, d = 100, K = %d, %d iterations; both in float32 (scikit-learn keeps the"
                        + " input's float32; ours: %s)", s.kmeansN(), s.kmeansK(), probe.iterations(), KMeans.float32Kernel()))
                .withSummary(() -> "inertia " + BenchReport.fmt(last[0].inertia()));
    }

    private static void writeInit(Path p, double[][] c) throws IOException {
        Npy.writeFloat32(p, c);
    }
}
