package org.pacscluster.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pacscluster bench}: our throughput against the Python reference stack, side by side, in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time each workload in pacscluster and in the Python reference stack (PyTorch, scikit-learn,"
                + " scikit-image, pydicom; scripts in bench/python/) on the same data in the same run, and print throughput,"
                + " the ratio ours/theirs and whether the speed goal is met.",
                "With --memory, measure instead the peak RSS of ingest + PCA embedding of MedNIST at 1/4, 1/2 and all"
                        + " of its images (child processes under /usr/bin/time -v).",
                "Measure on an idle machine: other processes' load changes both sides, ours more (see docs/BENCHMARKS.md)."},
        footer = {"", "Examples:",
                "  pacscluster bench --quick --workloads kmeans,dicom",
                "  pacscluster bench --out work/bench",
                "  pacscluster bench --memory --out work/bench",
                "  pacscluster bench --profile 256"})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--workloads", split = ",", paramLabel = "NAME",
            description = "workloads to run (default: all): cae-train-64, cae-encode-64, cae-train-256, cae-encode-256,"
                    + " hog-256, lbp-256, pca-20, kmeans, kmeans-lloyd, dicom, tsne")
    List<String> workloads;

    @Option(names = "--repeats", description = "timed runs per side (default: 3; 2 with --quick)")
    Integer repeats;

    @Option(names = "--warmup", description = "untimed warm-up runs per side (default: 1; 0 with --quick)")
    Integer warmup;

    @Option(names = "--threads", description = "threads of both sides (default: number of cores)")
    Integer threads;

    @Option(names = "--quick", description = "small sizes: a smoke run of a minute or two, not a measurement")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "also write bench-results.json and bench-results.md here")
    Path out;

    @Option(names = "--memory", description = "measure peak RSS of ingest + embedding instead of timing workloads")
    boolean memory;

    @Option(names = "--fractions", split = ",", defaultValue = "0.25,0.5,1",
            description = "with --memory: shares of the MedNIST images to ingest (default: ${DEFAULT-VALUE})")
    List<Double> fractions;

    @Option(names = "--profile", paramLabel = "SIZE",
            description = "profile CAE training at SIZE² (64 or 256) instead: self time per operator, ours (libtorch's"
                    + " profiler) and PyTorch's (torch.profiler), and the GFLOP/s reached against the fp32 peak")
    Integer profile;

    @Option(names = "--profile-steps", defaultValue = "3", description = "training steps profiled (default: ${DEFAULT-VALUE})")
    int profileSteps;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "Python of the reference stack (default: ${DEFAULT-VALUE})")
    Path python;

    @Option(names = "--scripts", paramLabel = "DIR", description = "the bench/python/ folder of the checkout (default: found from the install)")
    Path scripts;

    @Option(names = "--mednist", paramLabel = "ZIP", description = "MedNIST_jpeg.zip (default: ../shared/data/mednist)")
    Path mednist;

    @Option(names = "--dicom", paramLabel = "DIR", description = "folder of DICOM files (default: ../shared/data/dicom)")
    Path dicom;

    @Option(names = "--scratch", paramLabel = "DIR", description = "scratch folder, deleted afterwards (default: a temporary folder)")
    Path scratch;

    @Option(names = "--timeout", defaultValue = "3600", description = "seconds one Python script may run (default: ${DEFAULT-VALUE})")
    long timeout;

    @Override
    public Integer call() throws Exception {
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        // the PyTorch engine reads these once, when it loads: ours then uses T intra-op threads like the reference
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(t));
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Path repo = repoRoot();
        Path shared = System.getProperty("pacscluster.shared") != null
                ? Path.of(System.getProperty("pacscluster.shared")) : repo.resolve("../shared").normalize();
        Path zip = mednist != null ? mednist : shared.resolve("data/mednist/MedNIST_jpeg.zip");
        Path labels = zip.resolveSibling("labels.csv");
        if (!Files.isRegularFile(zip)) throw new IllegalArgumentException("MedNIST ZIP not found at " + zip + " (use --mednist)");
        Path work = scratch != null ? scratch : Files.createTempDirectory("pacscluster-bench-");
        if (memory) {
            MemoryBench.Result r = new MemoryBench(zip, Files.isRegularFile(labels) ? labels : null, fractions, work, System.err).run();
            System.out.print(r.text());
            if (out != null) {
                r.write(out);
                System.out.println("wrote " + out.resolve(MemoryBench.JSON_FILE) + " and " + out.resolve(MemoryBench.MD_FILE));
            }
            return r.passes() ? 0 : 3;
        }
        BenchConfig cfg = new BenchConfig(workloads == null || workloads.isEmpty() ? Workloads.names() : workloads,
                repeats != null ? repeats : quick ? 2 : 3, warmup != null ? warmup : quick ? 0 : 1, t,
                quick ? Sizes.quick() : Sizes.full(), out, python, scripts != null ? scripts : repo.resolve("bench/python"),
                zip, Files.isRegularFile(labels) ? labels : null, dicom != null ? dicom : shared.resolve("data/dicom"),
                work, timeout);
        if (profile != null) {
            try (BenchContext ctx = new BenchContext(cfg, System.err)) {
                PythonReference py = new PythonReference(cfg.python(), cfg.scripts(), t, timeout);
                System.out.print(CaeProfile.run(ctx, py, profile, profileSteps, 15));
            }
            return 0;
        }
        BenchReport report = new BenchRunner(cfg, System.err).run();
        System.out.print(report.text());
        if (out != null) {
            report.write(out);
            System.out.println("wrote " + out.resolve(BenchReport.JSON_FILE) + " and " + out.resolve(BenchReport.MD_FILE));
        }
        return 0;
    }

    /** The checkout this build runs from (target/classes → its parent's parent), else the working folder. */
    static Path repoRoot() {
        try {
            Path classes = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = classes; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("bench/python/_common.py"))) return p;
            }
        } catch (Exception e) {
            // unusual class loader: fall back to the working folder
        }
        return Path.of("").toAbsolutePath();
    }
}
