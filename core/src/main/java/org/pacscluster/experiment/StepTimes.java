package org.pacscluster.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.pacscluster.io.AtomicFiles;
import org.pacscluster.io.Csv;
import org.pacscluster.progress.Progress;

/**
 * Where an experiment's wall time went: each named step of each (method, run) — the phases the trainers announce
 * (pre-training, embedding, k-means, fine-tuning, calibration, fit) plus scoring the test split and the report's
 * t-SNE maps — so a user can see what to cut before running the paper's whole protocol. Kept in
 * {@value #FILE} beside runs.csv, so a resumed experiment keeps the earlier runs' times.
 */
public final class StepTimes {
    public static final String FILE = "timing.csv";
    /** The run of steps that belong to no run (the report). */
    public static final int REPORT_RUN = -1;

    /** One timed step. */
    public record Entry(String method, int run, String step, double seconds) {}

    private final List<Entry> entries = new ArrayList<>();

    /**
     * The runs' times in {@code file} (none if it does not exist yet); the report's are left out, as every invocation
     * builds the report again.
     */
    public static StepTimes read(Path file) throws IOException {
        StepTimes t = new StepTimes();
        if (!Files.exists(file)) return t;
        Csv.Table table = Csv.read(file);
        for (List<String> r : table.rows()) {
            int run = Integer.parseInt(r.get(1));
            if (run != REPORT_RUN) t.entries.add(new Entry(r.get(0), run, r.get(2), Double.parseDouble(r.get(3))));
        }
        return t;
    }

    public synchronized void add(String method, int run, String step, double seconds) {
        entries.add(new Entry(method, run, step, seconds));
    }

    public synchronized List<Entry> entries() { return List.copyOf(entries); }

    /**
     * {@code phases} with each phase timed from its opening to its closing, recorded for (method, run) under the
     * phase's name without the method's prefix ("hog fit" → "fit").
     */
    public Function<String, Progress> timing(Function<String, Progress> phases, String method, int run) {
        return name -> {
            Progress inner = phases.apply(name);
            long t0 = System.nanoTime();
            String step = name.startsWith(method + " ") ? name.substring(method.length() + 1) : name;
            return new Progress() {
                @Override public void step(long done, long total) { inner.step(done, total); }

                @Override public void message(String text) { inner.message(text); }

                @Override
                public void close() {
                    add(method, run, step, (System.nanoTime() - t0) / 1e9);
                    inner.close();
                }
            };
        };
    }

    public synchronized void write(Path file) throws IOException {
        AtomicFiles.writeText(file, w -> {
            w.write(Csv.line("method", "run", "step", "seconds"));
            w.write('\n');
            for (Entry e : entries) {
                w.write(Csv.line(e.method(), e.run(), e.step(), String.format(Locale.ROOT, "%.3f", e.seconds())));
                w.write('\n');
            }
        });
    }

    /**
     * One line per method: its seconds summed over runs and report, then each step's share, largest first, e.g.
     * {@code cae        291.0 s = pretrain cae 250.1 + embed 12.0 + ...}.
     */
    public synchronized String summary() {
        Map<String, Map<String, Double>> byMethod = new LinkedHashMap<>();
        for (Entry e : entries) byMethod.computeIfAbsent(e.method(), m -> new LinkedHashMap<>()).merge(e.step(), e.seconds(), Double::sum);
        StringBuilder out = new StringBuilder();
        for (var m : byMethod.entrySet()) {
            double total = m.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
            out.append(String.format(Locale.ROOT, "  %-8s %8.1f s =", m.getKey(), total));
            String sep = " ";
            for (var s : m.getValue().entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).toList()) {
                out.append(String.format(Locale.ROOT, "%s%s %.1f", sep, s.getKey(), s.getValue()));
                sep = " + ";
            }
            out.append('\n');
        }
        return out.toString();
    }
}
