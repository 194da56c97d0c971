package org.pacscluster.bench;

import java.util.List;

/** The paper's CAE: one training step (batch 50) or encoding, at 64² or 256², against the same network in PyTorch. */
final class CaeWorkload implements Workload {
    enum Mode { TRAIN, ENCODE }

    private final Mode mode;
    private final int size;

    CaeWorkload(Mode mode, int size) {
        this.mode = mode;
        this.size = size;
    }

    @Override public String name() { return "cae-" + mode.name().toLowerCase(java.util.Locale.ROOT) + "-" + size; }

    @Override
    public String description() {
        return mode == Mode.TRAIN
                ? "CAE training steps (forward, MSE, backward, Adam) on batches of 50 MedNIST images at " + size + "²"
                : "CAE encoding (encoder only, no gradients) of MedNIST images at " + size + "² in batches of 50";
    }

    @Override public String unit() { return "img/s"; }

    @Override public double goal() { return 1.2; }

    @Override
    public Trial prepare(BenchContext ctx) throws Exception {
        Sizes s = ctx.sizes();
        int n = mode == Mode.TRAIN ? Math.min(ctx.sizes().images256(), 2 * Sizes.BATCH) : s.caeEncodeImages();
        List<String> args = List.of("--workload", mode.name().toLowerCase(java.util.Locale.ROOT), "--input",
                ctx.imagesNpy(size, n).toString(), "--batch", Integer.toString(Sizes.BATCH),
                "--steps", Integer.toString(s.caeTrainSteps()));
        return Trial.theirsOnly("the CAE of the deep package is not in this build yet", "bench_cae.py", args,
                "PyTorch " + "network as SPEC; its last conv has 1 output channel");
    }
}
