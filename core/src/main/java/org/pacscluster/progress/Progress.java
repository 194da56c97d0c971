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

    @Override
    void close();

    /** Shows nothing: for tests and library use. */
    Progress NONE = new Progress() {
        @Override public void step(long done, long total) {}
        @Override public void close() {}
    };

    /** A bar redrawn in place on a terminal, or a plain line every few seconds when stderr is not a terminal. */
    static Progress console(String task) {
        return new ConsoleProgress(task, System.err, System.console() != null);
    }
}
