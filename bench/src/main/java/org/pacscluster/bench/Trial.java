package org.pacscluster.bench;

import java.util.List;
import java.util.function.Supplier;

/**
 * A workload made concrete on its data: our side as a callable run, the Python side as a script with arguments,
 * and how many items one of our runs processes (the Python script reports its own count).
 *
 * @param items       items (images, fits) per run of ours
 * @param ours        one run of ours, or null when ours cannot run here ({@code oursMissing} says why)
 * @param oursMissing why ours is not timed, or null
 * @param script      Python script under {@code bench/}
 * @param scriptArgs  its arguments (the runner adds --threads, --warmup, --repeats)
 * @param notes       what a reader of the table should know (differences between the two sides)
 * @param cleanup     run after both sides were timed (close engines, delete large files); may be null
 * @param oursSummary  after the runs: what the last run of ours produced (inertia, KL divergence, ...) to set
 *                     beside the reference's own report, showing both did the same work; may be null
 * @param callerThread run ours on the thread that prepared it instead of our pool: the PyTorch engine keeps
 *                    per-thread state (autograd mode) that is only set up on the thread that loaded it
 */
public record Trial(long items, Run ours, String oursMissing, String script, List<String> scriptArgs, String notes,
                    AutoCloseable cleanup, boolean callerThread, Supplier<String> oursSummary) {
    /** One run of our side; the runner times it. */
    @FunctionalInterface
    public interface Run {
        void run() throws Exception;
    }

    public static Trial of(long items, Run ours, String script, List<String> args, String notes) {
        return new Trial(items, ours, null, script, args, notes, null, false, null);
    }

    /** A trial whose Java side is not available in this build; the reference is still timed. */
    public static Trial theirsOnly(String why, String script, List<String> args, String notes) {
        return new Trial(0, null, why, script, args, notes, null, false, null);
    }

    public Trial withCleanup(AutoCloseable c) {
        return new Trial(items, ours, oursMissing, script, scriptArgs, notes, c, callerThread, oursSummary);
    }

    public Trial onCallerThread() {
        return new Trial(items, ours, oursMissing, script, scriptArgs, notes, cleanup, true, oursSummary);
    }

    public Trial withSummary(Supplier<String> s) {
        return new Trial(items, ours, oursMissing, script, scriptArgs, notes, cleanup, callerThread, s);
    }
}
