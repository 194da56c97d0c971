package org.pacscluster.progress;

/**
 * Reports the progress of one long task. Implementations decide how it is shown; code that does the work only
 * calls {@link #step}, {@link #message} and {@link #close}.
 */
public interface Progress extends AutoCloseable {
    /** {@code done} units of {@code total} finished ({@code total} ≤ 0 when unknown). */
    void step(long done, long total);

    /** A short status shown next to the bar (e.g. "epoch 3 loss 0.0123"). Never put patient data here. */
    default void message(String text) {}

    /**
     * The time left, as of now, when the caller knows it better than the done/total rate (whose units may differ
     * widely in cost); NaN goes back to that rate. Shown counting down until the next estimate.
     */
    default void remaining(double seconds) {}

    @Override
    void close();

    /** Shows nothing: for tests and library use. */
    Progress NONE = new Progress() {
        @Override public void step(long done, long total) {}
        @Override public void close() {}
    };

    /**
     * {@code p} for several threads at once (an experiment's runs side by side): each call holds one lock, so the
     * display's state is never updated by two threads together. Closing it closes {@code p}.
     */
    static Progress synchronizedOn(Progress p) {
        return new Progress() {
            @Override public synchronized void step(long done, long total) { p.step(done, total); }
            @Override public synchronized void message(String text) { p.message(text); }
            @Override public synchronized void remaining(double seconds) { p.remaining(seconds); }
            @Override public synchronized void close() { p.close(); }
        };
    }

    /** A bar redrawn in place on a terminal, or a plain line every few seconds when stderr is not a terminal. */
    static Progress console(String task) {
        return new ConsoleProgress(task, System.err, System.console() != null);
    }
}
