package org.pacscluster.dicom.openjpeg;

import com.sun.jna.Pointer;

/**
 * OpenJPEG's stream and message callbacks over a codestream held in a Java array, one instance of each for the
 * process (see {@link DecodeState} for why). The stream semantics follow OpenJPEG's own file stream: a read returns
 * the bytes copied, or (OPJ_SIZE_T) -1 at the end; a skip moves within the data and returns how far, or -1 when it
 * cannot move; a seek succeeds only within the data.
 */
final class NativeCallbacks {
    private NativeCallbacks() {}

    static final OpenJpegLibrary.ReadCallback READ = (buffer, bytes, user) -> {
        DecodeState s = state(user);
        if (s == null || bytes <= 0) return -1L;
        int left = s.data.length - s.position;
        if (left <= 0) return -1L;
        int n = (int) Math.min(bytes, left);
        buffer.write(0, s.data, s.position, n);
        s.position += n;
        return n;
    };

    static final OpenJpegLibrary.SkipCallback SKIP = (bytes, user) -> {
        DecodeState s = state(user);
        if (s == null) return -1L;
        long target = Math.max(0, Math.min(s.data.length, s.position + bytes));
        long moved = target - s.position;
        s.position = (int) target;
        return moved == 0 && bytes != 0 ? -1L : moved;
    };

    static final OpenJpegLibrary.SeekCallback SEEK = (position, user) -> {
        DecodeState s = state(user);
        if (s == null || position < 0 || position > s.data.length) return 0;
        s.position = (int) position;
        return 1;
    };

    static final OpenJpegLibrary.MessageCallback ERROR = (message, client) -> {
        DecodeState s = state(client);
        if (s != null) s.error(message);
    };

    static final OpenJpegLibrary.MessageCallback WARNING = (message, client) -> {
        DecodeState s = state(client);
        if (s != null) s.warning(message);
    };

    static Pointer userPointer(DecodeState s) {
        return new Pointer(s.id);
    }

    private static DecodeState state(Pointer user) {
        return user == null ? null : DecodeState.of(Pointer.nativeValue(user));
    }
}
