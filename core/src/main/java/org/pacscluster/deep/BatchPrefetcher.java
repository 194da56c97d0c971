package org.pacscluster.deep;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Hands out items 0…count−1 in order, making item b+1 on one background thread while the caller works on item b —
 * for training, gathering (and augmenting) the next batch's pixels while the engine runs the current step. Which
 * item is made is fixed by its index alone, so the items are the same as when made in line (with
 * {@code background} false), whatever the thread timing. Close it, also when the caller stops early or fails: that
 * stops the thread. A failure while making an item is thrown by {@link #next} for that item.
 *
 * @param <T> what is made (a batch)
 */
final class BatchPrefetcher<T> implements Iterator<T>, AutoCloseable {
    /** Name of the background thread, so a thread dump says what it is. */
    static final String THREAD_NAME = "pacscluster-batch-prefetch";

    private final int count;
    private final IntFunction<T> make;
    private final ExecutorService thread;
    /** The executor's one thread, once started: {@link #close} waits for it to end, not only for its tasks. */
    private volatile Thread worker;
    private Future<T> pending;
    private int index;

    /** Items {@code make(0)} … {@code make(count − 1)}; made one ahead on a thread when {@code background}. */
    BatchPrefetcher(int count, IntFunction<T> make, boolean background) {
        this.count = count;
        this.make = make;
        this.thread = background && count > 0 ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true); // never keeps the JVM alive, even if a caller forgets to close
            worker = t;
            return t;
        }) : null;
        if (thread != null) pending = thread.submit(() -> make.apply(0));
    }

    @Override
    public boolean hasNext() { return index < count; }

    @Override
    public T next() {
        if (!hasNext()) throw new NoSuchElementException();
        if (thread == null) return make.apply(index++);
        T item = await(pending);
        index++;
        int following = index;
        pending = following < count ? thread.submit(() -> make.apply(following)) : null;
        return item;
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException("preparing a batch failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the next batch", e);
        }
    }

    /**
     * Stops the background thread and waits briefly for an item in progress (pixel copying: milliseconds) and for
     * the thread itself to end: an executor counts as terminated when its last task returns, a moment before its
     * thread has exited, and a closed prefetcher should leave no thread behind.
     */
    @Override
    public void close() {
        if (thread == null) return;
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
            Thread w = worker;
            if (w != null) w.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
