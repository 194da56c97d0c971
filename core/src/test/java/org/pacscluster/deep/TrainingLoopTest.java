package org.pacscluster.deep;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order in which the loop calls its hooks, which resumed runs rely on to continue bit for bit. */
class TrainingLoopTest {
    /** Hooks that log each call; the epoch returns {@code losses[epoch]} (NaN past the end). */
    static final class Log implements TrainingLoop.Checkpoints, TrainingLoop.EpochListener {
        final List<String> calls = new ArrayList<>();
        final List<Double> ended = new ArrayList<>();
        final TrainingLoop.Resumed from;

        Log(TrainingLoop.Resumed from) { this.from = from; }

        @Override public TrainingLoop.Resumed resume() { calls.add("resume"); return from; }

        @Override public void save(int epochsDone, StopReason stop) { calls.add("save " + epochsDone + " " + stop); }

        @Override public void epochEnded(int epochsDone, double loss) { calls.add("ended " + epochsDone); ended.add(loss); }

        TrainingLoop.EpochEnd train(int epoch, double... losses) {
            calls.add("train " + epoch);
            return TrainingLoop.EpochEnd.finished(epoch < losses.length ? losses[epoch] : Double.NaN);
        }
    }

    static StopReason run(Log log, int maxEpochs, StoppingRule rule, TrainingLoop.Epoch epoch) throws Exception {
        return new TrainingLoop(maxEpochs, rule, TrainingLoop.DivergenceCheck.finiteLoss("test"), log, log).run(epoch);
    }

    @Test
    void divergenceCheckRefusesNonFiniteLosses() {
        TrainingLoop.DivergenceCheck check = TrainingLoop.DivergenceCheck.finiteLoss("training");
        assertDoesNotThrow(() -> check.check(1, 0.25));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> check.check(3, Double.NaN));
        assertEquals("training diverged at epoch 3 (loss NaN)", e.getMessage());
        assertThrows(IllegalStateException.class, () -> check.check(1, Double.POSITIVE_INFINITY));
        assertThrows(IllegalStateException.class, () -> check.check(1, Double.NEGATIVE_INFINITY));
    }

    @Test
    void eachEpochIsRecordedThenJudgedThenSaved() throws Exception {
        Log log = new Log(TrainingLoop.Resumed.FRESH);
        StopReason stop = run(log, 10, StoppingRule.lossChange(0.01, log.ended), e -> log.train(e, 1.0, 0.5, 0.499));
        assertEquals(StopReason.LOSS_CHANGE, stop);
        assertEquals(List.of("resume", "train 0", "ended 1", "save 1 null", "train 1", "ended 2", "save 2 null",
                "train 2", "ended 3", "save 3 loss-change"), log.calls);
    }

    @Test
    void withoutAStopTheBudgetEndsTheRunFromWhereItResumed() throws Exception {
        Log log = new Log(new TrainingLoop.Resumed(2, null));
        StopReason stop = run(log, 4, () -> null, e -> log.train(e, 1, 1, 1, 1));
        assertEquals(StopReason.MAX_EPOCHS, stop);
        assertEquals(List.of("resume", "train 2", "ended 3", "save 3 null", "train 3", "ended 4", "save 4 null"), log.calls);
    }

    @Test
    void aResumedRunAsksTheRuleBeforeTraining() throws Exception {
        Log log = new Log(new TrainingLoop.Resumed(3, null));
        assertEquals(StopReason.EARLY_STOPPING, run(log, 10, StoppingRule.patience(1, () -> 1), e -> log.train(e)));
        assertEquals(List.of("resume"), log.calls);
        Log ended = new Log(new TrainingLoop.Resumed(1, StopReason.LABEL_CHANGE));
        assertEquals(StopReason.LABEL_CHANGE, run(ended, 10, () -> null, e -> ended.train(e)));
        assertEquals(List.of("resume"), ended.calls);
    }

    @Test
    void aStopInsideAnEpochSavesTheFullEpochsOnly() throws Exception {
        Log log = new Log(TrainingLoop.Resumed.FRESH);
        StopReason stop = run(log, 10, () -> null, e -> e == 1 ? TrainingLoop.EpochEnd.stopped(StopReason.LABEL_CHANGE)
                : log.train(e, 0.5));
        assertEquals(StopReason.LABEL_CHANGE, stop);
        assertEquals(List.of("resume", "train 0", "ended 1", "save 1 null", "save 1 label-change"), log.calls);
    }

    @Test
    void aDivergedEpochIsNeitherRecordedNorSaved() {
        Log log = new Log(TrainingLoop.Resumed.FRESH);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> run(log, 10, () -> null, ep -> log.train(ep, 0.5, Double.POSITIVE_INFINITY)));
        assertEquals("test diverged at epoch 2 (loss Infinity)", e.getMessage());
        assertEquals(List.of("resume", "train 0", "ended 1", "save 1 null", "train 1"), log.calls);
    }
}
