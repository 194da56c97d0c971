package org.pacscluster.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one reference script of {@code bench/python/} with the Debian Python stack and reads its result line. The thread
 * count reaches every pool the stack may use: OMP/OpenBLAS/MKL variables in the environment, and {@code --threads}
 * (torch.set_num_threads, scikit-learn n_jobs, worker processes for per-image work).
 */
public final class PythonReference {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path python;
    private final Path scripts;
    private final int threads;
    private final long timeoutSeconds;

    /** What a script reported: either timings, or why it skipped. */
    public record Result(long items, double[] seconds, JsonNode info, String skipped) {
        public boolean ran() { return skipped == null; }
    }

    public PythonReference(Path python, Path scripts, int threads, long timeoutSeconds) {
        this.python = python;
        this.scripts = scripts;
        this.threads = threads;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * Whether the reference runs with glibc's default malloc ({@code -Dpacscluster.bench.referenceMalloc=stock}, as
     * a Python user runs it) rather than with this process's {@code GLIBC_TUNABLES} (the default: the launcher's
     * allocator settings for both sides, which compares the engines).
     */
    static boolean stockMalloc() {
        return "stock".equals(System.getProperty("pacscluster.bench.referenceMalloc"));
    }

    /** Times {@code script} with {@code warmup} untimed and {@code repeats} timed runs. */
    public Result time(String script, List<String> args, int warmup, int repeats) throws IOException {
        List<String> extra = new ArrayList<>(args);
        extra.addAll(List.of("--threads", Integer.toString(threads), "--warmup", Integer.toString(warmup),
                "--repeats", Integer.toString(repeats)));
        JsonNode out = run(script, extra);
        if (out.hasNonNull("skipped")) return new Result(0, new double[0], out, out.get("skipped").asText());
        JsonNode times = out.path("times_s");
        if (!times.isArray() || times.isEmpty()) throw new IOException(script + " reported no timings: " + out);
        double[] s = new double[times.size()];
        for (int i = 0; i < s.length; i++) s[i] = times.get(i).asDouble();
        return new Result(out.path("items").asLong(), s, out.path("info"), null);
    }

    /** Runs {@code script} and returns the JSON object of its last stdout line. */
    public JsonNode run(String script, List<String> args) throws IOException {
        if (!Files.isExecutable(python)) {
            return JSON.createObjectNode().put("skipped", "no Python interpreter at " + python);
        }
        List<String> cmd = new ArrayList<>(List.of(python.toString(), "-u", scripts.resolve(script).toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(scripts.toFile());
        Map<String, String> env = pb.environment();
        for (String v : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")) {
            env.put(v, Integer.toString(threads));
        }
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        if (stockMalloc()) env.remove("GLIBC_TUNABLES");
        Process p = pb.start();
        CompletableFuture<String> stdout = drain(p.getInputStream());
        CompletableFuture<String> stderr = drain(p.getErrorStream());
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(script + " did not finish within " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + script);
        }
        String out = stdout.join(), err = stderr.join();
        if (p.exitValue() != 0) {
            throw new IOException(script + " failed (exit " + p.exitValue() + "): " + lastLine(err));
        }
        String last = lastLine(out);
        try {
            return JSON.readTree(last);
        } catch (IOException e) {
            throw new IOException(script + " printed no JSON result (last line: " + last + "; stderr: " + lastLine(err) + ")");
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, r -> {
            // a thread of its own per stream: a shared pool could leave stderr undrained and block the child
            Thread t = new Thread(r, "bench-python-output");
            t.setDaemon(true);
            t.start();
        });
    }

    static String lastLine(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "(nothing)" : lines.get(lines.size() - 1);
    }
}
