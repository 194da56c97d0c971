package org.pacscluster.dicom.openjpeg;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of OpenJPEG's C API (openjpeg.h of 2.5.0) the decoder needs, bound with JNA's direct mapping (the fastest
 * of JNA's ways, and the library is bound once per process). {@code OPJ_BOOL} is an int, {@code OPJ_SIZE_T},
 * {@code OPJ_OFF_T} and {@code OPJ_UINT64} are 64-bit: the binding is only used on a 64-bit JVM (checked on load).
 * Loading fails quietly: {@link #UNAVAILABLE} says why, and nothing is printed.
 */
final class OpenJpegLibrary {
    private OpenJpegLibrary() {}

    /** opj_create_decompress's format for a raw codestream (OPJ_CODEC_J2K) and for a JP2 file (OPJ_CODEC_JP2). */
    static final int CODEC_J2K = 0, CODEC_JP2 = 2;

    /** Why OpenJPEG cannot be used in this process, or null when it can. */
    static final String UNAVAILABLE;
    /** The loaded library's version (opj_version()), or null. */
    static final String VERSION;

    static {
        String why = null, version = null;
        try {
            if (Native.POINTER_SIZE != 8 || Native.SIZE_T_SIZE != 8) {
                why = "the OpenJPEG binding needs a 64-bit JVM";
            } else {
                Native.register(OpenJpegLibrary.class, load());
                version = opj_version();
                why = supported(version) ? null : "OpenJPEG " + version + " is installed; the binding is for 2.3 to 2.x";
            }
        } catch (LinkageError | RuntimeException e) {
            // UnsatisfiedLinkError (no library, or a symbol missing), NoClassDefFoundError (no JNA on the class path)
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            why = "OpenJPEG (libopenjp2.so.7) cannot be loaded: " + m;
        }
        UNAVAILABLE = why;
        VERSION = why == null ? version : null;
    }

    /**
     * Debian's package installs only the versioned {@code libopenjp2.so.7} (the unversioned name comes with -dev);
     * other systems have {@code openjp2} under their own naming.
     */
    private static NativeLibrary load() {
        List<String> failures = new ArrayList<>();
        for (String name : new String[] {"libopenjp2.so.7", "openjp2"}) {
            try {
                return NativeLibrary.getInstance(name);
            } catch (UnsatisfiedLinkError e) {
                failures.add(name);
            }
        }
        throw new UnsatisfiedLinkError("not found as " + String.join(" or ", failures));
    }

    /**
     * The structures {@code ImageLayout} reads have had the same layout from 2.3.0 to 2.5.x (checked in the headers
     * of 2.3.0, 2.5.0 and 2.5.4); a 3.x may change them.
     */
    static boolean supported(String version) {
        String[] p = version.split("\\.");
        try {
            return p.length >= 2 && Integer.parseInt(p[0]) == 2 && Integer.parseInt(p[1]) >= 3;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** opj_msg_callback: void (*)(const char *msg, void *client_data). */
    interface MessageCallback extends Callback {
        void invoke(String message, Pointer client);
    }

    /** opj_stream_read_fn: OPJ_SIZE_T (*)(void *buffer, OPJ_SIZE_T nb_bytes, void *user_data); (OPJ_SIZE_T) -1 at the end. */
    interface ReadCallback extends Callback {
        long invoke(Pointer buffer, long bytes, Pointer user);
    }

    /** opj_stream_skip_fn: OPJ_OFF_T (*)(OPJ_OFF_T nb_bytes, void *user_data); -1 on failure. */
    interface SkipCallback extends Callback {
        long invoke(long bytes, Pointer user);
    }

    /** opj_stream_seek_fn: OPJ_BOOL (*)(OPJ_OFF_T position, void *user_data). */
    interface SeekCallback extends Callback {
        int invoke(long position, Pointer user);
    }

    /** opj_stream_free_user_data_fn; always null here (the user data is an id, not memory). */
    interface FreeCallback extends Callback {
        void invoke(Pointer user);
    }

    static native String opj_version();

    static native Pointer opj_create_decompress(int format);

    static native void opj_destroy_codec(Pointer codec);

    static native void opj_set_default_decoder_parameters(Pointer parameters);

    static native int opj_setup_decoder(Pointer codec, Pointer parameters);

    static native int opj_set_error_handler(Pointer codec, MessageCallback callback, Pointer client);

    static native int opj_set_warning_handler(Pointer codec, MessageCallback callback, Pointer client);

    static native int opj_codec_set_threads(Pointer codec, int threads);

    static native Pointer opj_stream_create(long bufferSize, int isInput);

    static native void opj_stream_destroy(Pointer stream);

    static native void opj_stream_set_read_function(Pointer stream, ReadCallback function);

    static native void opj_stream_set_skip_function(Pointer stream, SkipCallback function);

    static native void opj_stream_set_seek_function(Pointer stream, SeekCallback function);

    static native void opj_stream_set_user_data(Pointer stream, Pointer data, FreeCallback free);

    static native void opj_stream_set_user_data_length(Pointer stream, long length);

    static native int opj_read_header(Pointer stream, Pointer codec, PointerByReference image);

    static native int opj_decode(Pointer codec, Pointer stream, Pointer image);

    static native int opj_end_decompress(Pointer codec, Pointer stream);

    static native void opj_image_destroy(Pointer image);
}
