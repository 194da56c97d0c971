package org.pacscluster.bench;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Locale;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.deep.CaeConfig;
import org.pacscluster.deep.CaeNetwork;
import org.pacscluster.deep.CaeTrainer;
import org.pacscluster.deep.DeepRuntime;
import org.pacscluster.progress.Progress;

/**
 * The paper's CAE: training steps (batch 50) or encoding, at 64² or 256², against the same network built in
 * PyTorch by {@code bench/bench_cae.py}. Ours trains through {@link CaeTrainer} (one epoch over exactly the timed
 * batches, read from the dataset) and encodes batch by batch as the pipeline does.
 */
final class CaeWorkload implements Workload {
    enum Mode { TRAIN, ENCODE }

    private final Mode mode;
    private final int size;

    CaeWorkload(Mode mode, int size) {
        this.mode = mode;
        this.size = size;
    }

    @Override public String name() { return "cae-" + mode.name().toLowerCase(Locale.ROOT) + "-" + size; }

    @Override
    public String description() {
        return mode == Mode.TRAIN
                ? "CAE training steps (forward, MSE, backward, Adam) on batches of 50 MedNIST images at " + size + "²"
                : "CAE encoding (encoder only, no gradients) of MedNIST images at " + size + "² in batches of 50";
    }

    @Override public String unit() { return "img/s"; }

    /** Issue 12's goals (training at 64² ≥ 1.3×, training and encoding at 256², the paper's size, ≥ 1.5×); 1.2× else. */
    @Override
    public double goal() {
        if (size >= 256) return 1.5;
        return mode == Mode.TRAIN ? 1.3 : 1.2;
    }

    @Override
    public Trial prepare(BenchContext ctx) throws Exception {
        Sizes s = ctx.sizes();
        // a 256² image is 16 times the work of a 64² one: fewer of them keep a run within seconds
        int steps = size >= 256 ? 1 : s.caeTrainSteps();
        int n = mode == Mode.TRAIN ? steps * Sizes.BATCH
                : size >= 256 ? Math.max(Sizes.BATCH, s.caeEncodeImages() / 2) : s.caeEncodeImages();
        Dataset ds = ctx.mednist(size);
        if (n > ds.size()) throw new IllegalArgumentException("CAE workload needs " + n + " images, the sample has " + ds.size());
        int[] rows = BenchContext.firstRows(n);
        List<String> args = List.of("--workload", mode.name().toLowerCase(Locale.ROOT), "--input",
                ctx.imagesNpy(size, n).toString(), "--batch", Integer.toString(Sizes.BATCH),
                "--steps", Integer.toString(steps));
        CaeConfig cfg = CaeConfig.paper().withInputSize(size).withEpochs(1).withPatience(0).withValidationFraction(0)
                .withThreads(ctx.threads()).withDevice("cpu");
        CaeNetwork net;
        try {
            net = CaeNetwork.initialise(cfg, DeepRuntime.device("cpu", ctx.threads()));
        } catch (RuntimeException | LinkageError e) {
            return Trial.theirsOnly("the PyTorch engine did not load: " + BenchRunner.message(e), "bench_cae.py", args,
                    n + " images per run");
        }
        String notes = String.format("%d images per run; DJL 0.36 + libtorch 2.7.1 vs Debian PyTorch %s, both %d"
                + " intra-op threads; %s", n, "1.13", ctx.threads(), net.outputConvPadded()
                        ? "ours pads the 1-channel output conv to 16 channels and keeps channel 0 (this CPU's oneDNN gets"
                                + " input gradients of convs with < 16 outputs wrong), theirs has 1"
                        : "the 1-channel output conv on both sides (this CPU's oneDNN computes it correctly)");
        CaeTrainer.Result[] last = {null};
        Trial.Run ours = mode == Mode.TRAIN
                ? () -> last[0] = new CaeTrainer(net).train(ds, rows, null, Progress.NONE)
                : () -> {
                    // every intermediate array belongs to the batch's manager and is freed with it
                    for (int[] batch : Dataset.batches(rows, Sizes.BATCH)) {
                        try (NDManager m = NDManager.newBaseManager(net.device())) {
                            net.encode(net.input(m, ds.images(batch), batch.length)).toFloatArray();
                        }
                    }
                };
        Trial t = Trial.of(n, ours, "bench_cae.py", args, notes).withCleanup(net).onCallerThread();
        return mode == Mode.TRAIN
                ? t.withSummary(() -> "last loss " + BenchReport.fmt(last[0].history().get(last[0].history().size() - 1).trainLoss()))
                : t;
    }
}
