package org.pacscluster.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real command line in a fresh JVM, as a user would: its own heap cap, its own environment, a deadline.
 * Hostile-input tests use it to see what the user sees (exit code, stdout, stderr), whether the process ends by
 * itself, and how much memory it took at its peak (VmHWM from /proc, sampled while it runs).
 *
 * <pre>{@code
 * ChildCli.Run r = ChildCli.builder().heap("256m").env("PACSCLUSTER_PACS_PASSWORD", "s3cret")
 *         .timeoutSeconds(60).run(tmp, "inspect", bomb.toString());
 * r.assertOneLineError("bomb.dcm");
 * }</pre>
 */
public final class ChildCli {
    private String heap = "256m";
    private int timeoutSeconds = 120;
    private final Map<String, String> env = new HashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();

    private ChildCli() {}

    public static ChildCli builder() { return new ChildCli(); }

    /** The child's {@code -Xmx} (default 256m). */
    public ChildCli heap(String xmx) { this.heap = xmx; return this; }

    /** How long the child may run before it counts as hung (and is killed). */
    public ChildCli timeoutSeconds(int seconds) { this.timeoutSeconds = seconds; return this; }

    public ChildCli env(String name, String value) { env.put(name, value); return this; }

    public ChildCli jvmOption(String option) { jvmOptions.add(option); return this; }

    /** What the child did. {@code peakRssBytes} is -1 where /proc was not readable (not Linux). */
    public record Run(int exit, String stdout, String stderr, boolean endedByItself, long peakRssBytes, long millis) {
        /** Non-zero exit, exactly one non-blank line on stderr that starts "error: " and names {@code subject}. */
        public Run assertOneLineError(String subject) {
            assertTrue(endedByItself, "the process ended by itself");
            assertTrue(exit != 0, "a non-zero exit; stderr: " + stderr);
            List<String> lines = stderr.lines().filter(l -> !l.isBlank()).toList();
            assertTrue(lines.size() == 1, "one line on stderr, got: " + stderr);
            assertTrue(lines.get(0).startsWith("error: "), lines.get(0));
            if (subject != null) assertTrue(lines.get(0).contains(subject), "the message names " + subject + ": " + lines.get(0));
            assertNoStackTrace();
            return this;
        }

        public Run assertNoStackTrace() {
            String all = stdout + stderr;
            assertFalse(all.contains("\tat ") || all.contains("Exception in thread") || all.contains("OutOfMemoryError"),
                    "no stack trace: " + all);
            return this;
        }

        public Run assertPeakRssBelow(long bytes) {
            if (peakRssBytes >= 0) assertTrue(peakRssBytes < bytes, "peak RSS " + peakRssBytes / (1 << 20) + " MB");
            return this;
        }
    }

    /** Runs {@code pacscluster args...} with {@code workDir} as the current folder and for the captured output. */
    public Run run(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xmx" + heap);
        cmd.add("-Dai.djl.offline=true");
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PACSCLUSTER_"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile(workDir, "child", ".out");
        Path err = Files.createTempFile(workDir, "child", ".err");
        long start = System.nanoTime();
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        long peak = Files.isReadable(status) ? 0 : -1;
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        boolean ended = false;
        while (System.nanoTime() < deadline) {
            if (p.waitFor(50, TimeUnit.MILLISECONDS)) { ended = true; break; }
            if (peak >= 0) peak = Math.max(peak, highWaterMark(status));
        }
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Run r = new Run(ended ? p.exitValue() : -1, Files.readString(out), Files.readString(err), ended, peak, millis);
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }

    private static long highWaterMark(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between the checks
        }
        return 0;
    }
}
