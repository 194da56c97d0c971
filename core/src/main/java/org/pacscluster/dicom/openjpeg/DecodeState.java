package org.pacscluster.dicom.openjpeg;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one decode call shares with OpenJPEG's callbacks: the codestream and the read position in it, and the first
 * error and warning OpenJPEG reported. OpenJPEG hands each callback an opaque {@code void *}; that pointer carries
 * this call's id, and the callbacks look the state up here. The callbacks themselves are created once
 * ({@link NativeCallbacks}): JNA keeps a native trampoline for every callback object, so one per decode would cost
 * a trampoline per image and leave their freeing to the garbage collector.
 */
final class DecodeState implements AutoCloseable {
    private static final AtomicLong NEXT_ID = new AtomicLong(1);
    private static final Map<Long, DecodeState> LIVE = new ConcurrentHashMap<>();

    final long id = NEXT_ID.getAndIncrement();
    final byte[] data;
    /** Next byte OpenJPEG reads; only OpenJPEG's calling thread touches it (the stream is not shared). */
    int position;
    private volatile String firstError, firstWarning;

    private DecodeState(byte[] data) {
        this.data = data;
    }

    static DecodeState open(byte[] data) {
        DecodeState s = new DecodeState(data);
        LIVE.put(s.id, s);
        return s;
    }

    /** The state behind a callback's user pointer, or null for an id that is not (or no longer) live. */
    static DecodeState of(long id) {
        return LIVE.get(id);
    }

    void error(String message) {
        if (firstError == null) firstError = oneLine(message);
    }

    void warning(String message) {
        if (firstWarning == null) firstWarning = oneLine(message);
    }

    /** Why a step failed: OpenJPEG's first error, else its first warning, else the step. */
    String reason(String step) {
        if (firstError != null) return "OpenJPEG: " + firstError;
        if (firstWarning != null) return "OpenJPEG: " + step + " failed after the warning: " + firstWarning;
        return "OpenJPEG: " + step + " failed";
    }

    private static String oneLine(String m) {
        String s = m == null ? "" : m.strip();
        return s.isEmpty() ? "(no message)" : s.lines().findFirst().orElse(s);
    }

    @Override
    public void close() {
        LIVE.remove(id);
    }
}
