package org.pacscluster.progress;

import java.io.PrintStream;
import java.time.Duration;

/** Progress on stderr: an in-place bar on a terminal, a line every {@code plainEvery} otherwise (logs, CI). */
final class ConsoleProgress implements Progress {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final long PLAIN_NANOS = 5_000_000_000L;

    private final String task;
    private final PrintStream out;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastShown = Long.MIN_VALUE / 2;
    private long done, total;
    private String message = "";
    private double knownRemaining = Double.NaN;
    private long knownAt;
    private boolean closed;
    private boolean reported;

    ConsoleProgress(String task, PrintStream out, boolean terminal) {
        this.task = task;
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public synchronized void step(long done, long total) {
        this.done = done;
        this.total = total;
        reported = true;
        showIfDue();
    }

    /** A new message shows at the next redraw, so inner phases (epochs, k-means) stay visible in long steps. */
    @Override
    public synchronized void message(String text) {
        this.message = text == null ? "" : text;
        reported = true;
        showIfDue();
    }

    @Override
    public synchronized void remaining(double seconds) {
        knownRemaining = seconds;
        knownAt = System.nanoTime();
    }

    private void showIfDue() {
        long now = System.nanoTime();
        if (now - lastShown >= (terminal ? REDRAW_NANOS : PLAIN_NANOS)) {
            lastShown = now;
            show(false);
        }
    }

    /** The final line, unless the task never began (a run refused up front then prints only its error). */
    @Override
    public synchronized void close() {
        if (!closed && reported) show(true);
        closed = true;
    }

    private void show(boolean last) {
        double secs = (System.nanoTime() - start) / 1e9;
        StringBuilder sb = new StringBuilder();
        sb.append(task).append(' ');
        if (total > 0) {
            double f = Math.min(1.0, (double) done / total);
            if (terminal) {
                int width = 30, fill = (int) Math.round(f * width);
                sb.append('[').append("#".repeat(fill)).append(" ".repeat(width - fill)).append("] ");
            }
            sb.append(String.format("%d/%d (%.0f%%)", done, total, 100 * f));
            if (!last && done < total && !Double.isNaN(knownRemaining)) {
                double left = knownRemaining - (System.nanoTime() - knownAt) / 1e9;
                sb.append(" ETA ").append(format(Math.max(0, left)));
            } else if (done > 0 && !last && done < total && secs >= 2) {
                sb.append(" ETA ").append(format(secs / done * (total - done)));
            }
        } else {
            sb.append(done);
        }
        sb.append(" elapsed ").append(format(secs));
        if (!message.isEmpty()) sb.append(' ').append(message);
        if (terminal) {
            out.print("\r" + sb + "\u001b[K" + (last ? "\n" : ""));
        } else {
            out.println(sb);
        }
        out.flush();
    }

    static String format(double seconds) {
        Duration d = Duration.ofSeconds((long) seconds);
        return d.toHours() > 0 ? String.format("%dh%02dm", d.toHours(), d.toMinutesPart())
                : String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart());
    }
}
