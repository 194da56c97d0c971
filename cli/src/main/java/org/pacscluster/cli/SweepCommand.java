package org.pacscluster.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.experiment.KChoice;
import org.pacscluster.experiment.KSweep;
import org.pacscluster.io.OutputFolder;
import org.pacscluster.method.Method;
import org.pacscluster.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pacscluster sweep}: silhouette, NMI and homogeneity of one method for several K. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score one method for several K on the test split (silhouette, NMI and homogeneity against "
                + "modality and region) and plot them: how the paper chose K = 25, for your own archive.",
                "Writes OUT/sweep.csv and OUT/sweep.png. Re-running with the same --out needs the same dataset and"
                        + " settings (--overwrite starts afresh)."},
        footer = {"", "Example:", "  pacscluster sweep --dataset work/mednist --method pca --k 5,10,15,20,25,30 --out work/sweep-pca"})
public final class SweepCommand implements Callable<Integer> {
    @Option(names = "--method", required = true, paramLabel = "METHOD", completionCandidates = MethodNames.class,
            description = "one of ${COMPLETION-CANDIDATES}")
    String method;

    @Option(names = "--k", defaultValue = "5,10,15,20,25,30", split = ",", description = "values of K (default ${DEFAULT-VALUE})")
    int[] ks;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for sweep.csv and sweep.png")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    DatasetOptions rows = new DatasetOptions();

    @Mixin
    MethodOptions options = new MethodOptions();

    @Mixin
    HardwareOptions hardware = new HardwareOptions();

    @Mixin
    OverwriteOption overwrite = new OverwriteOption();

    @Override
    public Integer call() throws Exception {
        KSweep.Config cfg = new KSweep.Config(Method.parse(method), ks, rows.trainLimit, rows.testLimit, rows.silhouetteSample,
                options.settings(ks.length == 0 ? 2 : Math.max(2, ks[0]), seed, hardware));
        try (Dataset data = Dataset.open(rows.dataset);
             OutputFolder folder = OutputFolder.claim(out, KSweep.outputKind(data, cfg), rows.inputs(), overwrite.overwrite,
                     "sweep")) {
            List<KSweep.Point> points;
            try (Progress p = Progress.console("sweep")) {
                points = Parallel.call(hardware, () -> new KSweep(data, cfg, folder.dir()).run(p));
            }
            System.out.println("   K      inertia  stability  silhouette  NMI MOD  HS MOD  NMI AR  HS AR");
            for (KSweep.Point pt : points) {
                System.out.printf(Locale.ROOT, "%4d  %11.4g  %9.4f  %10.4f  %7.4f  %6.4f  %6.4f  %5.4f%n", pt.k(),
                        pt.inertia(), pt.stability(), pt.silhouette(), pt.nmiModality(), pt.homogeneityModality(),
                        pt.nmiRegion(), pt.homogeneityRegion());
            }
            int suggested = KChoice.suggest(points);
            int elbow = KChoice.elbow(points.stream().mapToInt(KSweep.Point::k).toArray(),
                    points.stream().mapToDouble(KSweep.Point::inertia).toArray());
            System.out.printf(Locale.ROOT, "suggested K (no labels needed): %d — the best silhouette among the K whose"
                    + " k-means partition is stable (ARI between halves >= %.2f)%s%n", suggested, KChoice.STABLE,
                    elbow > 0 ? "; elbow of the inertia curve: K=" + elbow : "");
            System.out.println("wrote " + out.resolve("sweep.csv") + " and " + out.resolve("sweep.png"));
        }
        return 0;
    }
}
