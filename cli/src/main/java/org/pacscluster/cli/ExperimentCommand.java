package org.pacscluster.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pacscluster.io.BuildInfo;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.deep.DeepRuntime;
import org.pacscluster.experiment.Experiment;
import org.pacscluster.experiment.ExperimentConfig;
import org.pacscluster.experiment.ExperimentReport;
import org.pacscluster.experiment.StepTimes;
import org.pacscluster.experiment.RunResult;
import org.pacscluster.io.AtomicFiles;
import org.pacscluster.io.OutputFolder;
import org.pacscluster.method.Method;
import org.pacscluster.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pacscluster experiment}: the paper's Table I, t-SNE maps, montages and an HTML report in one command. */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run every method R times on a dataset (train on the train split, score the test split) and "
                + "write runs.csv, table.md/table.csv (mean ± sd, shaped like the paper's Table I), the test "
                + "assignments of every method and run, t-SNE maps, cluster montages and report.html.",
                "Re-running with the same --out, dataset and settings skips the (method, run) pairs already in runs.csv;"
                        + " another dataset or setting is refused (--overwrite starts afresh)."},
        footer = {"", "Example (the README's main job):",
                "  pacscluster experiment --dataset work/mednist --runs 3 --train-limit 3000 --test-limit 2000 "
                        + "--epochs 8 --finetune-epochs 4 --out work/experiment"})
public final class ExperimentCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "experiment folder to create or continue")
    Path out;

    @Option(names = "--methods", defaultValue = "cae,cdec,cidec,hog,lbp,pca", split = ",", paramLabel = "METHOD",
            completionCandidates = MethodNames.class,
            description = "methods, in table order, any of ${COMPLETION-CANDIDATES} (default: the paper's ${DEFAULT-VALUE})")
    List<String> methods;

    @Option(names = "--k", defaultValue = "25", description = "clusters (default ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--runs", defaultValue = "10", description = "independent runs (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--seed", defaultValue = "0", description = "seed of run 1; run r uses seed + r - 1 (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--tsne-points", defaultValue = "2000", description = "test points per t-SNE map; 0 = no maps (default ${DEFAULT-VALUE})")
    int tsnePoints;

    @Option(names = "--parallel-runs", defaultValue = "1", paramLabel = "N",
            description = "experimental: runs trained side by side, each on --threads threads (with --threads 0, on"
                    + " cores/N each); see docs/experiment.md for what was measured (default ${DEFAULT-VALUE})")
    int parallelRuns;

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
        if (parallelRuns > 1 && hardware.threads == 0) {
            hardware.threads = Math.max(1, Runtime.getRuntime().availableProcessors() / parallelRuns);
        }
        ExperimentConfig cfg = new ExperimentConfig(methods.stream().map(Method::parse).toList(), runs, rows.trainLimit,
                rows.testLimit, rows.silhouetteSample, tsnePoints, options.settings(k, seed, hardware), parallelRuns);
        long t0 = System.nanoTime();
        try (Dataset data = Dataset.open(rows.dataset)) {
            if (cfg.anyDeep()) cfg.settings().caeFor(data.imageSize());      // validates S against the filters early
            try (OutputFolder folder = OutputFolder.claim(out, Experiment.outputKind(data, cfg), rows.inputs(),
                    overwrite.overwrite, "experiment")) {
                run(cfg, data, folder.dir(), t0);
            }
        }
        return 0;
    }

    /** Runs what is not in OUT yet and writes the table and the report. */
    private void run(ExperimentConfig cfg, Dataset data, Path dir, long t0) throws Exception {
        Map<String, String> settings = settings(cfg, data);
        AtomicFiles.writeString(dir.resolve("settings.json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(settings));
        List<RunResult> results;
        Experiment experiment = new Experiment(data, cfg, dir);
        try (Progress p = Progress.console("experiment")) {
            results = Parallel.call(hardware, () -> experiment.run(p));
        }
        StepTimes times = experiment.times();
        long r0 = System.nanoTime();
        try (Progress p = Progress.console("report")) {
            Parallel.call(hardware, () -> {
                new ExperimentReport(data, cfg, dir).write(results, settings, p, times);
                return null;
            });
        }
        // the report's own timed parts (t-SNE maps, audit check) are listed apart; the rest is "table, montage, html"
        double timedParts = times.entries().stream().filter(e -> e.run() == StepTimes.REPORT_RUN && e.seconds() >= 0)
                .mapToDouble(StepTimes.Entry::seconds).sum();
        times.add("report", StepTimes.REPORT_RUN, "table, montage, html", Math.max(0, (System.nanoTime() - r0) / 1e9 - timedParts));
        times.write(dir.resolve(StepTimes.FILE));
        System.out.println(ExperimentReport.table(results, cfg.methods()).toMarkdown());
        System.out.print("time per method and step (seconds, summed over runs; " + StepTimes.FILE + "):\n" + times.summary());
        System.out.printf("wrote %s (runs.csv, table.md, table.csv, report.html, %s) in %.0f s%n", dir, StepTimes.FILE,
                (System.nanoTime() - t0) / 1e9);
    }

    private Map<String, String> settings(ExperimentConfig cfg, Dataset data) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("dataset", data.directory().toAbsolutePath().normalize().toString());
        s.put("dataset source", data.manifest().source());
        s.put("images (train / test)", data.manifest().trainCount() + " / " + data.manifest().testCount());
        s.put("image size", data.imageSize() + "²");
        s.put("train / test images used", (rows.trainLimit == 0 ? "all" : String.valueOf(rows.trainLimit)) + " / "
                + (rows.testLimit == 0 ? "all" : String.valueOf(rows.testLimit)));
        s.put("methods", cfg.methods().stream().map(Method::id).collect(java.util.stream.Collectors.joining(", ")));
        s.put("K", String.valueOf(k));
        s.put("runs", String.valueOf(runs));
        s.put("seeds", seed + " … " + (seed + runs - 1));
        s.put("k-means restarts", String.valueOf(cfg.settings().kmeans().nInit()));
        s.put("silhouette sample", String.valueOf(rows.silhouetteSample));
        if (cfg.anyDeep()) {
            s.put("CAE", options.describe());
            s.put("CDEC/CIDEC", "≤ " + cfg.settings().finetuning().maxEpochs() + " epochs, target update every "
                    + cfg.settings().finetuning().updateInterval() + " batches, loss 0.1·KL + β·MSE");
            if (cfg.methods().stream().anyMatch(Method::augments)) {
                s.put("augmentation (-da methods)", cfg.settings().augment().describe());
            }
            s.put("engine", DeepRuntime.versions() + ", device " + hardware.device + ", threads "
                    + (hardware.threads == 0 ? "default" : hardware.threads));
        }
        if (parallelRuns > 1) s.put("runs side by side", String.valueOf(parallelRuns));
        s.put("pacscluster", BuildInfo.tool());
        s.put("Java", System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        s.put("started", java.time.Instant.now().toString());
        return s;
    }
}
