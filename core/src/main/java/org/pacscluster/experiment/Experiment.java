package org.pacscluster.experiment;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.ImageRecord;
import org.pacscluster.dataset.Split;
import org.pacscluster.io.AtomicFiles;
import org.pacscluster.io.Csv;
import org.pacscluster.io.OutputFolder;
import org.pacscluster.io.ResumeKey;
import org.pacscluster.method.MethodSettings;
import org.pacscluster.evaluate.Scorecard;
import org.pacscluster.method.ClusteringModel;
import org.pacscluster.method.Method;
import org.pacscluster.method.TrainingContext;
import org.pacscluster.progress.Progress;

/**
 * The paper's experiment on one dataset: every method R times with seeds seed…seed+R−1, trained on the train
 * rows and scored on the test rows. Each finished (method, run) is appended to {@code runs.csv} at once, with its
 * test assignments (and, for run 1, its model under {@code models/}), so an interrupted experiment re-run with the
 * same folder skips what is done. Afterwards
 * {@link ExperimentReport} builds the table and the report from those files.
 */
public final class Experiment {
    public static final String RUNS = "runs.csv";

    private final Dataset data;
    private final ExperimentConfig cfg;
    private final Path out;
    private StepTimes times = new StepTimes();

    public Experiment(Dataset data, ExperimentConfig cfg, Path out) {
        this.data = data;
        this.cfg = cfg;
        this.out = out;
    }

    /**
     * The experiment folder as an output, continued only by a run over the same dataset with the same methods, runs,
     * rows and settings (the hardware aside): anything else would mix two experiments in one table.
     */
    public static OutputFolder.Kind outputKind(Dataset data, ExperimentConfig cfg) throws IOException {
        ResumeKey key = ResumeKey.builder("experiment").put("dataset", data.fingerprint())
                .put("methods", cfg.methods().stream().map(Method::id).collect(java.util.stream.Collectors.joining(",")))
                .put("runs", cfg.runs()).put("train limit", cfg.trainLimit()).put("test limit", cfg.testLimit())
                .put("silhouette sample", cfg.silhouetteSample())
                .putSettings("settings", cfg.settings(), s -> MethodSettings.onlyHardware(s)
                        || MethodSettings.unusedBy(s, cfg.methods())).build();
        return new OutputFolder.Kind(key, List.of(RUNS, "settings.json"), null, false);
    }

    /** The time each step of each (method, run) took, this session's and those read back from a resumed folder. */
    public StepTimes times() { return times; }

    /**
     * Runs what is not done yet, {@code cfg.parallelRuns()} runs at a time; returns every result, old and new, in
     * runs.csv order (run by run, deep methods first), which is the same whatever the number of runs at a time.
     */
    public List<RunResult> run(Progress overall) throws IOException {
        Files.createDirectories(out);
        int[] train = trainRows(data, cfg);
        int[] test = testRows(data, cfg);
        if (train.length < cfg.k()) {
            throw new IllegalArgumentException("the train split has " + train.length + " images, fewer than k=" + cfg.k());
        }
        if (test.length < 2) throw new IllegalArgumentException("the test split has " + test.length + " images; need at least 2");
        // deep methods first: they share the run's pre-trained CAE
        List<Method> order = new ArrayList<>(cfg.methods());
        order.sort((a, b) -> Boolean.compare(!a.isDeep(), !b.isDeep()));
        times = StepTimes.read(out.resolve(StepTimes.FILE));
        Ledger ledger = new Ledger(readRuns(out.resolve(RUNS)), order, cfg.runs(), overall);
        List<Integer> todo = new ArrayList<>();
        for (int r = 0; r < cfg.runs(); r++) {
            for (Method m : order) {
                if (ledger.has(m, r)) ledger.skipped(); else if (!todo.contains(r)) todo.add(r);
            }
        }
        ledger.estimate();
        RunTask task = r -> runMethods(r, order, train, test, ledger);
        if (cfg.parallelRuns() == 1 || todo.size() < 2) {
            for (int r : todo) task.run(r);
        } else {
            SideBySide.run(todo, Math.min(cfg.parallelRuns(), todo.size()), cfg.settings().cae().threads(), task);
        }
        return ledger.results();
    }

    /** One run: every method not done yet, in order. */
    private void runMethods(int r, List<Method> order, int[] train, int[] test, Ledger ledger) throws IOException {
        long seed = cfg.seed() + r;
        Path runDir = out.resolve("work").resolve("run-" + r);
        for (Method method : order) {
            if (ledger.has(method, r)) continue;
            Files.createDirectories(runDir);
            ledger.started(method, r);
            ledger.add(runOnce(method, r, seed, train, test, runDir, ledger.progress()));
        }
    }

    /** The work of one run, for {@link SideBySide}. */
    @FunctionalInterface
    interface RunTask {
        void run(int r) throws IOException;
    }

    /**
     * The results so far, shared by the runs side by side: each finished (method, run) is added, runs.csv and the
     * step times written at once in runs.csv order, and the overall progress moved on, with the time left estimated
     * from what each method took so far ({@link RemainingTime}).
     */
    private final class Ledger {
        private final List<RunResult> results;
        private final List<Method> order;
        private final int runs, total;
        private final Progress overall;
        /** The pairs being trained now ("method run") and when they started. */
        private final java.util.Map<String, Long> running = new java.util.HashMap<>();
        private int done;

        Ledger(List<RunResult> results, List<Method> order, int runs, Progress overall) {
            this.results = new ArrayList<>(results);
            this.order = order;
            this.runs = runs;
            this.total = runs * order.size();
            this.overall = Progress.synchronizedOn(overall);
        }

        synchronized void started(Method m, int r) {
            running.put(pair(m.id(), r), System.nanoTime());
            estimate();
        }

        synchronized void estimate() {
            List<RemainingTime.Pending> pending = new ArrayList<>();
            long now = System.nanoTime();
            for (int r = 0; r < runs; r++) {
                for (Method m : order) {
                    if (has(m, r)) continue;
                    Long t0 = running.get(pair(m.id(), r));
                    pending.add(new RemainingTime.Pending(m.id(), t0 == null ? 0 : (now - t0) / 1e9));
                }
            }
            overall.remaining(RemainingTime.estimate(results, pending, cfg.parallelRuns()));
        }

        private static String pair(String method, int run) { return method + " " + run; }

        synchronized boolean has(Method m, int r) {
            return results.stream().anyMatch(x -> x.method().equals(m.id()) && x.run() == r);
        }

        synchronized void skipped() { overall.step(++done, total); }

        synchronized void add(RunResult result) throws IOException {
            results.add(result);
            results.sort(java.util.Comparator.comparingInt(RunResult::run).thenComparingInt(this::rank));
            writeRuns(out.resolve(RUNS), results);
            times.write(out.resolve(StepTimes.FILE));
            running.remove(pair(result.method(), result.run()));
            overall.step(++done, total);
            estimate();
        }

        private int rank(RunResult x) {
            for (int i = 0; i < order.size(); i++) if (order.get(i).id().equals(x.method())) return i;
            return order.size(); // a method no longer asked for keeps its place after the others
        }

        Progress progress() { return overall; }

        synchronized List<RunResult> results() { return new ArrayList<>(results); }
    }

    /** Trains one method for run {@code r}, scores the test rows and writes what the run leaves behind. */
    private RunResult runOnce(Method method, int r, long seed, int[] train, int[] test, Path runDir, Progress overall)
            throws IOException {
        String label = "run " + (r + 1) + "/" + cfg.runs() + " " + method.id();
        overall.message(label);
        Function<String, Progress> phases = times.timing(phase -> nested(overall, label, phase), method.id(), r);
        long t0 = System.nanoTime();
        try (ClusteringModel model = method.train(data, train, cfg.settings().withSeed(seed),
                new TrainingContext(runDir, phases))) {
            ClusteringModel.Placement placed;
            try (Progress p = phases.apply(method.id() + " test")) { placed = model.place(data, test, p); }
            Scorecard score;
            try (Progress p = phases.apply(method.id() + " score")) {
                score = Scorecard.of(data, test, placed.clusters(), placed.embedding(), cfg.silhouetteSample(), seed);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            try (Progress p = phases.apply(method.id() + " save")) {
                writeAssignments(out.resolve("assignments").resolve(method.id() + "-run" + r + ".csv"), test, placed.clusters());
                if (r == 0) {
                    writeEmbedding(out.resolve("embeddings").resolve(method.id() + ".bin"), placed.embedding());
                    model.withCard(model.card().withTestScores(score)).save(out.resolve("models").resolve(method.id()));
                }
            }
            return RunResult.of(method.id(), r, seed, train.length, test.length, score, seconds);
        }
    }

    /** The train rows an experiment trains on: a seeded subset of at most {@code limit}, the same for every run. */
    static int[] trainRows(Dataset data, int limit, long seed) {
        return data.rows(Split.TRAIN, limit, seed);
    }

    /** The test rows an experiment scores (the report draws its maps and montages from the same rows). */
    static int[] testRows(Dataset data, int limit, long seed) {
        return data.rows(Split.TEST, limit, seed);
    }

    static int[] trainRows(Dataset data, ExperimentConfig cfg) { return trainRows(data, cfg.trainLimit(), cfg.seed()); }

    static int[] testRows(Dataset data, ExperimentConfig cfg) { return testRows(data, cfg.testLimit(), cfg.seed()); }

    /** Inner phases (epochs, k-means, ...) show up as the overall line's message, so one bar covers everything. */
    private static Progress nested(Progress overall, String label, String phase) {
        return new Progress() {
            @Override
            public void step(long d, long t) {
                overall.message(label + " · " + phase + (t > 0 ? " " + d + "/" + t : ""));
            }

            @Override
            public void message(String text) { overall.message(label + " · " + phase + " · " + text); }

            @Override
            public void close() {}
        };
    }

    private void writeAssignments(Path file, int[] rows, int[] clusters) throws IOException {
        AtomicFiles.writeText(file, w -> {
            w.write(Csv.line("id", "cluster", "modality", "region"));
            w.write('\n');
            for (int i = 0; i < rows.length; i++) {
                ImageRecord r = data.record(rows[i]);
                w.write(Csv.line(r.id(), clusters[i], r.modality(), r.region()));
                w.write('\n');
            }
        });
    }

    static void writeEmbedding(Path file, double[][] x) throws IOException {
        AtomicFiles.write(file, os -> {
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(os));
            out.writeInt(x.length);
            out.writeInt(x.length == 0 ? 0 : x[0].length);
            for (double[] row : x) for (double v : row) out.writeFloat((float) v);
            out.flush();
        });
    }

    static double[][] readEmbedding(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            int n = in.readInt(), d = in.readInt();
            double[][] x = new double[n][d];
            for (double[] row : x) for (int j = 0; j < d; j++) row[j] = in.readFloat();
            return x;
        }
    }

    static List<RunResult> readRuns(Path file) throws IOException {
        List<RunResult> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        Csv.Table t = Csv.read(file);
        if (!t.header().equals(RunResult.HEADER)) {
            throw new IllegalArgumentException(file + " is not a runs.csv of this version; use another output folder");
        }
        for (List<String> r : t.rows()) out.add(RunResult.parse(r));
        return out;
    }

    static void writeRuns(Path file, List<RunResult> results) throws IOException {
        AtomicFiles.writeText(file, w -> {
            w.write(Csv.line(RunResult.HEADER));
            w.write('\n');
            for (RunResult r : results) {
                w.write(r.csvLine());
                w.write('\n');
            }
        });
    }


}
