package org.pacscluster.deep;

import java.io.IOException;

/**
 * The epoch loop shared by autoencoder pre-training ({@link CaeTrainer}) and CDEC/CIDEC fine-tuning
 * ({@link DecTrainer}). A trainer supplies the epoch's work and small hooks, in the spirit of DJL's
 * {@code TrainingListener}; the loop fixes the order in which they run. That order is part of the results: a
 * checkpoint must hold the state after the rule has looked, and a resumed run must ask the rule again before
 * training on, so that it continues exactly where an uninterrupted run would be.
 */
final class TrainingLoop {
    /** One epoch's pass over the training rows. */
    @FunctionalInterface
    interface Epoch {
        /** Trains epoch {@code epoch} (0-based). */
        EpochEnd train(int epoch) throws IOException;
    }

    /** How a pass ended: with its mean loss, or cut short by a rule checked inside the epoch (loss then NaN). */
    record EpochEnd(double loss, StopReason stoppedBy) {
        static EpochEnd finished(double loss) { return new EpochEnd(loss, null); }

        static EpochEnd stopped(StopReason reason) { return new EpochEnd(Double.NaN, reason); }
    }

    /** Where a run stands on disk: restored once at the start, written after every epoch and when a rule stops it. */
    interface Checkpoints {
        /** Restores the saved run, or prepares a fresh one when there is none. */
        Resumed resume() throws IOException;

        /** Saves the run after {@code epochsDone} full epochs; {@code stop} is null while it goes on. */
        void save(int epochsDone, StopReason stop) throws IOException;
    }

    /** How far a restored run had got; {@code stop} is non-null when it had already ended. */
    record Resumed(int epochsDone, StopReason stop) {
        static final Resumed FRESH = new Resumed(0, null);
    }

    /** Records a finished epoch and reports progress, before the stopping rule looks at it. */
    @FunctionalInterface
    interface EpochListener {
        void epochEnded(int epochsDone, double loss);
    }

    /** Throws when an epoch's loss shows the run has diverged: every later epoch would only train on garbage. */
    @FunctionalInterface
    interface DivergenceCheck {
        void check(int epochsDone, double loss);

        /** A NaN or infinite loss is divergence; {@code phase} names the run in the message. */
        static DivergenceCheck finiteLoss(String phase) {
            return (epochsDone, loss) -> {
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException(phase + " diverged at epoch " + epochsDone + " (loss " + loss + ")");
                }
            };
        }
    }

    private final int maxEpochs;
    private final StoppingRule rule;
    private final DivergenceCheck divergence;
    private final Checkpoints checkpoints;
    private final EpochListener listener;

    TrainingLoop(int maxEpochs, StoppingRule rule, DivergenceCheck divergence, Checkpoints checkpoints,
                 EpochListener listener) {
        this.maxEpochs = maxEpochs;
        this.rule = rule;
        this.divergence = divergence;
        this.checkpoints = checkpoints;
        this.listener = listener;
    }

    /** Runs epochs until a rule stops the run or {@code maxEpochs} are done; returns why it ended. */
    StopReason run(Epoch epoch) throws IOException {
        Resumed from = checkpoints.resume();
        StopReason stop = from.stop() != null ? from.stop() : rule.check();
        for (int e = from.epochsDone(); stop == null && e < maxEpochs; e++) {
            EpochEnd end = epoch.train(e);
            if (end.stoppedBy() != null) {
                checkpoints.save(e, end.stoppedBy()); // the state after the last full batch
                return end.stoppedBy();
            }
            divergence.check(e + 1, end.loss());
            listener.epochEnded(e + 1, end.loss());
            stop = rule.check();
            checkpoints.save(e + 1, stop);
        }
        return stop == null ? StopReason.MAX_EPOCHS : stop;
    }
}
