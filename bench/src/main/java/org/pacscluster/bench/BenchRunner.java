package org.pacscluster.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the chosen workloads one after the other: prepare the data, time ours (warm-up, then the timed runs, on
 * our pool of T threads), time the reference script on the same files, clean up. A side that fails or cannot run
 * leaves a row saying why; the run goes on with the next workload.
 */
public final class BenchRunner {
    private final BenchConfig cfg;
    private final PrintStream log;

    public BenchRunner(BenchConfig cfg, PrintStream log) {
        this.cfg = cfg;
        this.log = log;
    }

    public BenchReport run() throws Exception {
        String started = Instant.now().toString();
        long t0 = System.nanoTime();
        double[] loadBefore = MachineInfo.loadAverage();
        PythonReference py = new PythonReference(cfg.python(), cfg.scripts(), cfg.threads(), cfg.timeoutSeconds());
        JsonNode versions;
        try {
            versions = py.run("versions.py", List.of());
        } catch (Exception e) {
            versions = null;
        }
        List<BenchRow> rows = new ArrayList<>();
        try (BenchContext ctx = new BenchContext(cfg, log)) {
            for (String name : cfg.workloads()) {
                Workload w = Workloads.byName(name);
                log.printf("bench: %s — %s%n", w.name(), w.description());
                BenchRow row = runOne(w, ctx, py);
                rows.add(row);
                log.printf("bench: %s: ours %s, theirs %s %s%n", w.name(), brief(row.oursThroughput(), row.oursMissing()),
                        brief(row.theirsThroughput(), row.theirsMissing()), w.unit());
            }
        }
        MachineInfo m = MachineInfo.current(loadBefore, versions);
        return new BenchReport(m, cfg, rows, started, (System.nanoTime() - t0) / 1e9);
    }

    private BenchRow runOne(Workload w, BenchContext ctx, PythonReference py) {
        Trial trial;
        try {
            trial = w.prepare(ctx);
        } catch (Exception e) {
            String why = "could not prepare the data: " + message(e);
            return new BenchRow(w.name(), w.description(), w.unit(), w.unitScale(), w.goal(), 0, null, why, 0, null,
                    why, null, "");
        }
        Stats ours = null;
        String oursMissing = trial.oursMissing();
        if (trial.ours() != null) {
            try {
                ours = Stats.of(timeOurs(trial, ctx, w.warmup(cfg.warmup()), w.repeats(cfg.repeats())));
            } catch (Throwable e) {
                oursMissing = "failed: " + message(e);
            }
        }
        Stats theirs = null;
        String theirsMissing = null;
        long theirsItems = 0;
        JsonNode info = null;
        try {
            System.gc();
            PythonReference.Result r = py.time(trial.script(), trial.scriptArgs(), w.warmup(cfg.warmup()), w.repeats(cfg.repeats()));
            if (r.ran()) {
                theirs = Stats.of(r.seconds());
                theirsItems = r.items();
                info = r.info();
            } else {
                theirsMissing = r.skipped();
            }
        } catch (Exception e) {
            theirsMissing = "failed: " + message(e);
        } finally {
            if (trial.cleanup() != null) {
                try {
                    trial.cleanup().close();
                } catch (Exception e) {
                    log.println("bench: cleanup of " + w.name() + " failed: " + message(e));
                }
            }
        }
        String notes = trial.notes();
        String check = sameWork(trial, ours, info);
        if (!check.isEmpty()) notes += "; " + check;
        if (w.repeats(cfg.repeats()) != cfg.repeats() || w.warmup(cfg.warmup()) != cfg.warmup()) {
            notes += String.format("; %d warm-up + %d timed runs per side for this workload", w.warmup(cfg.warmup()),
                    w.repeats(cfg.repeats()));
        }
        return new BenchRow(w.name(), w.description(), w.unit(), w.unitScale(), w.goal(), trial.items(), ours,
                oursMissing, theirsItems, theirs, theirsMissing, info, notes);
    }

    private static double[] timeOurs(Trial trial, BenchContext ctx, int warmup, int repeats) throws Exception {
        for (int i = 0; i < warmup; i++) runOnce(trial, ctx);
        System.gc();
        double[] s = new double[repeats];
        for (int i = 0; i < s.length; i++) {
            long t = System.nanoTime();
            runOnce(trial, ctx);
            s[i] = (System.nanoTime() - t) / 1e9;
        }
        return s;
    }

    private static void runOnce(Trial trial, BenchContext ctx) throws Exception {
        if (trial.callerThread()) {
            trial.ours().run();
        } else {
            ctx.onOurThreads(() -> { trial.ours().run(); return null; });
        }
    }

    /** Keys of the reference's report that show what it computed, to set beside ours. */
    private static final List<String> RESULT_KEYS = List.of("inertia", "kl_divergence", "explained_variance",
            "feature_length", "last_loss");

    /** "ours: inertia 52,6xx; theirs: inertia 52,588" — evidence that both sides did the same job. */
    private static String sameWork(Trial trial, Stats ours, JsonNode theirsInfo) {
        StringBuilder sb = new StringBuilder();
        if (ours != null && trial.oursSummary() != null) {
            try {
                sb.append("ours: ").append(trial.oursSummary().get());
            } catch (RuntimeException e) {
                // a summary is a nicety: never fail a row over it
            }
        }
        if (theirsInfo != null) {
            List<String> parts = new ArrayList<>();
            for (String k : RESULT_KEYS) {
                // scikit-learn reports float max as the KL divergence of a run that never left early exaggeration
                if (theirsInfo.hasNonNull(k) && Math.abs(theirsInfo.get(k).asDouble()) < 1e100) parts.add(k.replace('_', ' ') + " " + BenchReport.fmt(theirsInfo.get(k).asDouble()));
            }
            if (!parts.isEmpty()) sb.append(sb.length() > 0 ? ", " : "").append("theirs: ").append(String.join(", ", parts));
        }
        return sb.toString();
    }

    private static String brief(double v, String missing) {
        return Double.isNaN(v) ? "— (" + missing + ")" : BenchReport.fmt(v);
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) m = e.getClass().getSimpleName();
        return m.lines().findFirst().orElse(m);
    }
}
