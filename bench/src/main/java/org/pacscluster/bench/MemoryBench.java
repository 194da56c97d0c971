package org.pacscluster.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.pacscluster.io.AtomicFiles;

/**
 * Peak RSS of ingest and of embedding (PCA, fit on train, transform all) of MedNIST at several shares of its
 * 58,954 images, each phase a fresh JVM under {@code /usr/bin/time -v} with the launcher's JVM options
 * ({@code PACSCLUSTER_JAVA_OPTS}). Passes when every peak RSS is under 2 GiB and each phase's anonymous RSS grows
 * by at most 25% from the smallest share to all images ("flat in N"). The total RSS is reported too; it also
 * counts the resident pages of the memory-mapped pixel cache, which grow with the file (page cache the kernel
 * reclaims under pressure, not memory the process holds).
 */
public final class MemoryBench {
    public static final String JSON_FILE = "bench-memory.json";
    public static final String MD_FILE = "bench-memory.md";
    static final long LIMIT_BYTES = 2L << 30;
    static final double FLAT_GROWTH = 0.25;
    static final String EMBEDDER = "pca";
    static final int IMAGE_SIZE = 64;
    private static final Pattern MAX_RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");
    private static final Pattern WALL = Pattern.compile("Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\): ([0-9:.]+)");

    private final Path zip;
    private final Path labels;
    private final List<Double> fractions;
    private final Path scratch;
    private final PrintStream log;

    public MemoryBench(Path zip, Path labels, List<Double> fractions, Path scratch, PrintStream log) {
        for (double f : fractions) {
            if (!(f > 0 && f <= 1)) throw new IllegalArgumentException("--fractions must be in (0, 1], got " + f);
        }
        if (fractions.isEmpty()) throw new IllegalArgumentException("no --fractions given");
        this.zip = zip;
        this.labels = labels;
        this.fractions = fractions.stream().sorted().toList();
        this.scratch = scratch;
        this.log = log;
    }

    /**
     * One phase of one share: peak RSS (GNU time: anonymous + file-backed pages, e.g. the memory-mapped pixel
     * cache), the peak of the anonymous part alone (sampled from /proc every 20 ms; −1 if unavailable) and the
     * wall time of its process.
     */
    public record Phase(long peakBytes, long peakAnonBytes, double seconds) {}

    public record Step(double fraction, int images, Phase ingest, Phase embed) {}

    public record Result(List<Step> steps, String javaOptions, String startedAt) {
        public long maxPeak() {
            return steps.stream().mapToLong(s -> Math.max(s.ingest().peakBytes(), s.embed().peakBytes())).max().orElse(0);
        }

        /** Peak at all images over peak at the smallest share, minus 1, for a phase: anonymous or total RSS. */
        double growth(boolean ingest, boolean anonymous) {
            Phase first = ingest ? steps.get(0).ingest() : steps.get(0).embed();
            Phase last = ingest ? steps.get(steps.size() - 1).ingest() : steps.get(steps.size() - 1).embed();
            if (anonymous && first.peakAnonBytes() > 0 && last.peakAnonBytes() > 0) {
                return (double) last.peakAnonBytes() / first.peakAnonBytes() - 1;
            }
            return (double) last.peakBytes() / first.peakBytes() - 1;
        }

        public boolean passes() {
            return maxPeak() < LIMIT_BYTES
                    && (steps.size() < 2 || (growth(true, true) <= FLAT_GROWTH && growth(false, true) <= FLAT_GROWTH));
        }

        public String text() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%-6s %7s %17s %16s %9s %17s %16s %7s%n", "share", "images",
                    "ingest peak RSS", "(anon)", "ingest s", EMBEDDER + " peak RSS", "(anon)", EMBEDDER + " s"));
            for (Step s : steps) {
                sb.append(String.format(Locale.ROOT, "%-6s %,7d %13.0f MiB %12s MiB %9.1f %13.0f MiB %12s MiB %7.1f%n",
                        s.fraction(), s.images(), mib(s.ingest().peakBytes()), anon(s.ingest()), s.ingest().seconds(),
                        mib(s.embed().peakBytes()), anon(s.embed()), s.embed().seconds()));
            }
            sb.append(String.format(Locale.ROOT, "max peak RSS %.0f MiB (limit 2048 MiB); growth smallest → all share,"
                            + " anonymous RSS: ingest %+.0f%%, %s %+.0f%% (limit +%.0f%%); total RSS: ingest %+.0f%%, %s %+.0f%%:"
                            + " %s%n", maxPeak() / 1048576.0, 100 * growth(true, true), EMBEDDER, 100 * growth(false, true),
                    100 * FLAT_GROWTH, 100 * growth(true, false), EMBEDDER, 100 * growth(false, false),
                    passes() ? "PASS" : "FAIL"));
            sb.append("JVM options: ").append(javaOptions.isBlank() ? "(defaults)" : javaOptions).append('\n');
            return sb.toString();
        }

        private static double mib(long b) { return b / 1048576.0; }

        private static String anon(Phase p) {
            return p.peakAnonBytes() < 0 ? "?" : String.format(Locale.ROOT, "%.0f", mib(p.peakAnonBytes()));
        }

        public void write(Path dir) throws IOException {
            ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = m.createObjectNode();
            root.put("started_at", startedAt).put("java_options", javaOptions).put("image_size", IMAGE_SIZE)
                    .put("embedder", EMBEDDER).put("max_peak_bytes", maxPeak()).put("passes", passes());
            root.set("steps", m.valueToTree(steps));
            AtomicFiles.writeString(dir.resolve(JSON_FILE), m.writeValueAsString(root) + "\n");
            AtomicFiles.writeString(dir.resolve(MD_FILE), "# pacscluster memory bench\n\nMeasured " + startedAt
                    + "\n\n```\n" + text() + "```\n");
        }
    }

    public Result run() throws Exception {
        String started = java.time.Instant.now().toString();
        if (!Files.isExecutable(Path.of("/usr/bin/time"))) {
            throw new IllegalStateException("/usr/bin/time is needed for --memory (Debian package 'time')");
        }
        int total;
        try (MedNistSample all = MedNistSample.open(zip, null, 0)) {
            total = all.size();
        }
        Files.createDirectories(scratch);
        List<Step> steps = new ArrayList<>();
        try {
            for (double f : fractions) {
                int n = (int) Math.round(f * total);
                Path ds = scratch.resolve("memory-" + n);
                log.printf("bench: memory: ingest of %,d images (%.0f%%)...%n", n, 100 * f);
                Phase ingest = measure(List.of("ingest", zip.toString(), labels == null ? "-" : labels.toString(),
                        Integer.toString(n), ds.toString(), Integer.toString(IMAGE_SIZE)));
                log.printf("bench: memory: %s embedding of %,d images...%n", EMBEDDER, n);
                Phase embed = measure(List.of("embed", ds.toString(), EMBEDDER));
                steps.add(new Step(f, n, ingest, embed));
                delete(ds);
            }
        } finally {
            delete(scratch);
        }
        return new Result(steps, javaOptions(), started);
    }

    private static String javaOptions() {
        String o = System.getenv("PACSCLUSTER_JAVA_OPTS");
        return o == null ? "" : o.trim();
    }

    private Phase measure(List<String> probeArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-v",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (!javaOptions().isEmpty()) cmd.addAll(Arrays.asList(javaOptions().split("\\s+")));
        cmd.addAll(List.of("-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), MemoryProbe.class.getName()));
        cmd.addAll(probeArgs);
        Path err = Files.createTempFile(scratch, "time-", ".txt");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long anon = -1;
        while (!p.waitFor(20, java.util.concurrent.TimeUnit.MILLISECONDS)) anon = Math.max(anon, anonRss(p.pid()));
        int rc = p.exitValue();
        String text = Files.readString(err, StandardCharsets.UTF_8);
        Files.deleteIfExists(err);
        if (rc != 0) throw new IOException("memory probe " + probeArgs.get(0) + " failed (exit " + rc + "): " + PythonReference.lastLine(text));
        Phase ph = parse(text);
        return new Phase(ph.peakBytes(), anon, ph.seconds());
    }

    /** RssAnon of the JVM that /usr/bin/time (pid {@code timePid}) started, or −1 when /proc does not tell. */
    static long anonRss(long timePid) {
        try {
            String children = Files.readString(Path.of("/proc", Long.toString(timePid), "task", Long.toString(timePid), "children")).trim();
            if (children.isEmpty()) return -1;
            for (String line : Files.readAllLines(Path.of("/proc", children.split("\\s+")[0], "status"))) {
                if (line.startsWith("RssAnon:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between two reads, or this is not Linux
        }
        return -1;
    }

    /** Reads peak RSS and wall time from GNU time's -v report. */
    static Phase parse(String timeOutput) throws IOException {
        Matcher rss = MAX_RSS.matcher(timeOutput), wall = WALL.matcher(timeOutput);
        if (!rss.find() || !wall.find()) throw new IOException("no /usr/bin/time -v report in the probe's output");
        double secs = 0;
        for (String part : wall.group(1).split(":")) secs = secs * 60 + Double.parseDouble(part);
        return new Phase(Long.parseLong(rss.group(1)) * 1024, -1, secs);
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
