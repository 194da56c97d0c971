package org.pacscluster.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pacscluster.io.AtomicFiles;

/** The result of a run: the table as text (console), Markdown and JSON. */
public record BenchReport(MachineInfo machine, BenchConfig config, List<BenchRow> rows, String startedAt,
                          double wallSeconds) {
    public static final String JSON_FILE = "bench-results.json";
    public static final String MD_FILE = "bench-results.md";
    private static final List<String> HEADER = List.of("workload", "unit", "ours (median, min–max)",
            "theirs (median, min–max)", "ours/theirs", "goal", "met?");

    /** The table, aligned for a terminal, then one note line per workload. */
    public String text() {
        List<List<String>> cells = new ArrayList<>();
        cells.add(HEADER);
        for (BenchRow r : rows) cells.add(cells(r));
        int[] w = new int[HEADER.size()];
        for (List<String> line : cells) for (int i = 0; i < w.length; i++) w[i] = Math.max(w[i], line.get(i).length());
        StringBuilder sb = new StringBuilder();
        for (int li = 0; li < cells.size(); li++) {
            List<String> line = cells.get(li);
            for (int i = 0; i < w.length; i++) {
                sb.append(String.format("%-" + w[i] + "s", line.get(i)));
                if (i < w.length - 1) sb.append("  ");
            }
            sb.append('\n');
            if (li == 0) sb.append("-".repeat(java.util.Arrays.stream(w).sum() + 2 * (w.length - 1))).append('\n');
        }
        sb.append('\n').append(String.format(Locale.ROOT, "threads %d, %d warm-up + %d timed runs per side%s; wall time %.0f s%n",
                config.threads(), config.warmup(), config.repeats(), sizesLabel(), wallSeconds));
        for (String m : machine.describe()) sb.append(m).append('\n');
        sb.append('\n');
        for (BenchRow r : rows) sb.append(r.name()).append(": ").append(notes(r)).append('\n');
        return sb.toString();
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder("# pacscluster bench results\n\n");
        sb.append("Measured ").append(startedAt).append(String.format(Locale.ROOT,
                "; threads %d, %d warm-up + %d timed runs per side%s; wall time %.0f s.%n%n",
                config.threads(), config.warmup(), config.repeats(), sizesLabel(), wallSeconds));
        for (String m : machine.describe()) sb.append("- ").append(m).append('\n');
        sb.append("\n| ").append(String.join(" | ", HEADER)).append(" |\n|");
        sb.append("---|".repeat(HEADER.size())).append('\n');
        for (BenchRow r : rows) sb.append("| ").append(String.join(" | ", cells(r))).append(" |\n");
        sb.append("\n## Workloads\n\n");
        for (BenchRow r : rows) {
            sb.append("- **").append(r.name()).append("**: ").append(r.description()).append(". ").append(notes(r)).append('\n');
        }
        return sb.toString();
    }

    public ObjectNode json() {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("started_at", startedAt);
        root.put("wall_seconds", wallSeconds);
        ObjectNode mc = root.putObject("machine");
        mc.put("cpu", machine.cpuModel()).put("cores", machine.cores()).put("memory_bytes", machine.memoryBytes())
                .put("java", machine.java()).put("os", machine.os());
        putArray(mc.putArray("load_before"), machine.loadBefore());
        putArray(mc.putArray("load_after"), machine.loadAfter());
        mc.set("python", machine.pythonVersions());
        ObjectNode cf = root.putObject("config");
        cf.put("threads", config.threads()).put("repeats", config.repeats()).put("warmup", config.warmup());
        cf.set("sizes", m.valueToTree(config.sizes()));
        ArrayNode rs = root.putArray("results");
        for (BenchRow r : rows) {
            ObjectNode o = rs.addObject();
            o.put("workload", r.name()).put("description", r.description()).put("unit", r.unit());
            putNumber(o, "goal", r.goal());
            side(o.putObject("ours"), r.ours(), r.oursItems(), r.unitScale(), r.oursMissing());
            ObjectNode t = o.putObject("theirs");
            side(t, r.theirs(), r.theirsItems(), r.unitScale(), r.theirsMissing());
            if (r.theirsInfo() != null) t.set("info", r.theirsInfo());
            putNumber(o, "ratio", r.ratio());
            if (r.met() == null) o.putNull("met"); else o.put("met", r.met());
            o.put("notes", r.notes() == null ? "" : r.notes());
        }
        return root;
    }

    /** Writes bench-results.json and bench-results.md into {@code dir}, each atomically. */
    public void write(Path dir) throws IOException {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.writeString(dir.resolve(JSON_FILE), m.writeValueAsString(json()) + "\n");
        AtomicFiles.writeString(dir.resolve(MD_FILE), markdown());
    }

    private static void side(ObjectNode o, Stats s, long items, double scale, String missing) {
        if (s == null) {
            o.putNull("throughput");
            o.put("missing", missing == null ? "" : missing);
            return;
        }
        o.put("items_per_run", items);
        o.put("throughput", s.throughput(items, scale));
        o.put("throughput_min", s.throughputLow(items, scale));
        o.put("throughput_max", s.throughputHigh(items, scale));
        o.put("median_seconds", s.medianSeconds());
        o.put("q1_seconds", s.q1Seconds());
        o.put("q3_seconds", s.q3Seconds());
        putArray(o.putArray("seconds"), s.seconds());
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) o.put(key, v); else o.putNull(key);
    }

    private static void putArray(ArrayNode a, double[] v) {
        for (double x : v) a.add(x);
    }

    private String sizesLabel() {
        return config.sizes().equals(Sizes.full()) ? "" : " (--quick sizes: smoke run, not a measurement)";
    }

    private static List<String> cells(BenchRow r) {
        return List.of(r.name(), r.unit(), side(r.ours(), r.oursItems(), r.unitScale()),
                side(r.theirs(), r.theirsItems(), r.unitScale()),
                Double.isNaN(r.ratio()) ? "—" : fmt(r.ratio()) + "×",
                Double.isNaN(r.goal()) ? "—" : "≥ " + fmt(r.goal()) + "×",
                r.met() == null ? "—" : r.met() ? "yes" : "NO");
    }

    private static String side(Stats s, long items, double scale) {
        if (s == null) return "—";
        return fmt(s.throughput(items, scale)) + " (" + fmt(s.throughputLow(items, scale)) + "–"
                + fmt(s.throughputHigh(items, scale)) + ")";
    }

    private static String notes(BenchRow r) {
        List<String> parts = new ArrayList<>();
        if (r.oursMissing() != null) parts.add("ours not timed: " + r.oursMissing());
        if (r.theirsMissing() != null) parts.add("theirs not timed: " + r.theirsMissing());
        if (r.notes() != null && !r.notes().isBlank()) parts.add(r.notes());
        return String.join("; ", parts);
    }

    /** About three significant digits. */
    static String fmt(double v) {
        double a = Math.abs(v);
        if (a >= 1e6 || !Double.isFinite(v)) return String.format(Locale.ROOT, "%.3g", v);
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
        if (a >= 1) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
