package org.pacscluster.bench;

import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.deep.CaeConfig;
import org.pacscluster.deep.CaeNetwork;
import org.pacscluster.deep.CaeTrainer;
import org.pacscluster.deep.DeepRuntime;
import org.pacscluster.progress.Progress;

/**
 * Where a CAE training step's time goes, ours and PyTorch's: a few steps at S² under each engine's own profiler
 * (libtorch's, which DJL exposes, and torch.profiler in {@code bench/python/profile_cae.py}), self time per operator,
 * and the arithmetic rate reached against the network's FLOP count ({@link CaeArithmetic}).
 */
final class CaeProfile {
    /** One operator's self time summed over the profiled steps. */
    record Op(String name, long calls, double selfMs) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private CaeProfile() {}

    /** Profiles both sides and returns the printed report. */
    static String run(BenchContext ctx, PythonReference python, int size, int steps, int top) throws Exception {
        Dataset ds = ctx.mednist(size);
        int n = steps * Sizes.BATCH;
        CaeConfig cfg = CaeConfig.paper().withInputSize(size).withEpochs(1).withPatience(0).withValidationFraction(0)
                .withThreads(ctx.threads()).withDevice("cpu");
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "CAE training profile: %d², batch %d, %d steps, %d threads; load average %s%n",
                size, Sizes.BATCH, steps, ctx.threads(), MachineInfo.formatLoad(MachineInfo.loadAverage())));
        try (CaeNetwork net = CaeNetwork.initialise(cfg, DeepRuntime.device("cpu", ctx.threads()))) {
            CaeTrainer trainer = new CaeTrainer(net);
            int[] rows = BenchContext.firstRows(n);
            trainer.train(ds, BenchContext.firstRows(Sizes.BATCH), null, Progress.NONE); // warm-up
            long t0 = System.nanoTime();
            trainer.train(ds, rows, null, Progress.NONE);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Path trace = ctx.scratch().resolve("libtorch-profile.json");
            JniUtils.startProfile(false, false, false);
            trainer.train(ds, rows, null, Progress.NONE);
            JniUtils.stopProfile(trace.toString());
            int outputChannels = net.outputConvPadded() ? 16 : 1;
            out.append(side("ours: DJL 0.36 + libtorch 2.7.1, output conv " + outputChannels + " channel(s)", n, seconds,
                    CaeArithmetic.of(cfg, outputChannels), ctx.threads(), selfTimes(trace), top));
        }
        Path npy = ctx.imagesNpy(size, Sizes.BATCH);
        JsonNode theirs = python.run("profile_cae.py", List.of("--input", npy.toString(), "--steps", Integer.toString(steps),
                "--top", Integer.toString(top)));
        if (theirs.has("skipped")) {
            out.append("theirs: skipped (").append(theirs.get("skipped").asText()).append(")\n");
        } else {
            List<Op> ops = new ArrayList<>();
            for (JsonNode o : theirs.path("ops")) ops.add(new Op(o.get("name").asText(), o.get("calls").asLong(), o.get("self_ms").asDouble()));
            out.append(side("theirs: PyTorch " + theirs.path("torch").asText() + ", output conv 1 channel", n,
                    theirs.path("seconds_unprofiled").asDouble(), CaeArithmetic.of(cfg, 1), ctx.threads(), ops, top));
        }
        return out.toString();
    }

    private static String side(String title, int images, double seconds, CaeArithmetic work, int threads, List<Op> ops,
                               int top) {
        double gflops = work.trainingFlops() * images / seconds / 1e9;
        double peak = CaeArithmetic.peakFlops(threads, cpuGhz(), avx512() ? 16 : 8) / 1e9;
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "%n%s%n  %.2f img/s unprofiled; %.2f GFLOP per image (%.3f G multiply-adds forward): %.1f GFLOP/s ="
                        + " %.1f%% of the fp32 peak estimate %.0f GFLOP/s (%d cores × %.2f GHz × 2 FMA × %d lanes × 2)%n",
                title, images / seconds, work.trainingFlops() / 1e9, work.forwardMacs() / 1e9, gflops, 100 * gflops / peak,
                peak, threads, cpuGhz(), avx512() ? 16 : 8));
        double total = ops.stream().mapToDouble(Op::selfMs).sum();
        s.append(String.format(Locale.ROOT, "  %-44s %7s %10s %6s%n", "operator (by self time)", "calls", "self ms", "share"));
        ops.stream().sorted(Comparator.comparingDouble(Op::selfMs).reversed()).limit(top).forEach(o -> s.append(
                String.format(Locale.ROOT, "  %-44s %7d %10.1f %5.1f%%%n", o.name().length() > 44 ? o.name().substring(0, 44)
                        : o.name(), o.calls(), o.selfMs(), 100 * o.selfMs() / total)));
        return s.toString();
    }

    /**
     * Self time per operator from a Chrome trace (libtorch's profiler output): each complete event's duration less
     * the durations of the events nested directly in it on the same thread.
     */
    static List<Op> selfTimes(Path trace) throws IOException {
        JsonNode root = JSON.readTree(Files.readString(trace));
        JsonNode events = root.isArray() ? root : root.path("traceEvents");
        Map<Long, List<JsonNode>> byThread = new HashMap<>();
        for (JsonNode e : events) {
            if (!"X".equals(e.path("ph").asText()) || !e.has("dur")) continue;
            byThread.computeIfAbsent(e.path("tid").asLong(), k -> new ArrayList<>()).add(e);
        }
        Map<String, double[]> acc = new HashMap<>();
        for (List<JsonNode> list : byThread.values()) {
            list.sort(Comparator.comparingDouble((JsonNode e) -> e.get("ts").asDouble())
                    .thenComparing(Comparator.comparingDouble((JsonNode e) -> e.get("dur").asDouble()).reversed()));
            Deque<double[]> open = new ArrayDeque<>(); // {end, childTime, index}
            List<double[]> self = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode e = list.get(i);
                double ts = e.get("ts").asDouble(), dur = e.get("dur").asDouble();
                while (!open.isEmpty() && open.peek()[0] <= ts) close(open.pop(), list, acc);
                if (!open.isEmpty()) open.peek()[1] += dur;
                open.push(new double[] {ts + dur, 0, i});
            }
            while (!open.isEmpty()) close(open.pop(), list, acc);
        }
        List<Op> ops = new ArrayList<>();
        acc.forEach((name, a) -> ops.add(new Op(name, (long) a[1], a[0] / 1000)));
        return ops;
    }

    private static void close(double[] frame, List<JsonNode> list, Map<String, double[]> acc) {
        JsonNode e = list.get((int) frame[2]);
        double[] a = acc.computeIfAbsent(e.get("name").asText(), k -> new double[2]);
        a[0] += Math.max(0, e.get("dur").asDouble() - frame[1]);
        a[1]++;
    }

    private static double cpuGhz() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("cpu MHz")) return Double.parseDouble(l.substring(l.indexOf(':') + 1).trim()) / 1000;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: assume a common server clock
        }
        return 2.5;
    }

    private static boolean avx512() {
        try {
            return Files.readString(Path.of("/proc/cpuinfo")).contains(" avx512f");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
