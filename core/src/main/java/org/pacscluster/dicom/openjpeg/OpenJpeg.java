package org.pacscluster.dicom.openjpeg;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * Decodes JPEG 2000 (a raw codestream or a JP2 file) held in memory with the system's OpenJPEG. Thread-safe: every
 * call creates and destroys its own codec and stream; OpenJPEG keeps no global state between them. The caller checks
 * the codestream's main header (image size, components) against its limits first: OpenJPEG allocates by what the
 * header declares.
 */
public final class OpenJpeg {
    private OpenJpeg() {}

    /**
     * sizeof(opj_dparameters_t) is 8,252 bytes in 2.3–2.5 (two 4,096-byte path buffers and 15 four-byte fields);
     * twice that leaves room for fields a later 2.x might add, since opj_set_default_decoder_parameters writes them all.
     */
    private static final long PARAMETERS_BYTES = 16_384;
    /** OpenJPEG's default stream buffer (OPJ_J2K_STREAM_CHUNK_SIZE) is 1 MiB; a frame smaller than that needs less. */
    private static final int MAX_STREAM_BUFFER = 1 << 20, MIN_STREAM_BUFFER = 4096;

    /** Whether OpenJPEG could be loaded (loads it on the first call). */
    public static boolean available() {
        return OpenJpegLibrary.UNAVAILABLE == null;
    }

    /** Why OpenJPEG cannot be used, or null when it can. */
    public static String unavailableReason() {
        return OpenJpegLibrary.UNAVAILABLE;
    }

    /** The loaded library's version, e.g. "2.5.0", or null when none is loaded. */
    public static String version() {
        return OpenJpegLibrary.VERSION;
    }

    /** Decodes a whole image at full resolution: {@link #decode(byte[], boolean, int, int, int, int, int)} with 0. */
    public static DecodedImage decode(byte[] data, boolean jp2, int width, int height, int components, int threads)
            throws OpenJpegException {
        return decode(data, jp2, width, height, components, threads, 0);
    }

    /**
     * Decodes a whole image, at full resolution or with its {@code reduction} finest wavelet levels left out: each
     * level halves both sides (rounding up) and skips about three quarters of what remains to entropy-decode, which
     * is most of a lossy decode's time. The result is the image's low-pass band at that scale, not a resize of the
     * full-resolution image.
     *
     * @param jp2        whether {@code data} is a JP2 file (else a raw codestream starting with SOC)
     * @param width      the image width the caller checked in the main header
     * @param height     its height
     * @param components the number of components expected out of the decoder
     * @param threads    OpenJPEG's own worker threads for this image (code-blocks and wavelet rows in parallel; the
     *                   samples are the same for any count); 1 decodes on the calling thread only
     * @param reduction  finest wavelet levels to leave out, 0 to 31; OpenJPEG refuses more than a component has
     * @throws OpenJpegException when OpenJPEG is not available or refuses the data (its first error as the message)
     */
    public static DecodedImage decode(byte[] data, boolean jp2, int width, int height, int components, int threads,
                                      int reduction) throws OpenJpegException {
        if (!available()) throw new OpenJpegException(unavailableReason());
        if (reduction < 0 || reduction > 31) throw new IllegalArgumentException("reduction " + reduction + " outside 0..31");
        try (DecodeState state = DecodeState.open(data); Memory parameters = new Memory(PARAMETERS_BYTES)) {
            Pointer codec = null, stream = null, image = null;
            try {
                Pointer user = NativeCallbacks.userPointer(state);
                codec = OpenJpegLibrary.opj_create_decompress(
                        jp2 ? OpenJpegLibrary.CODEC_JP2 : OpenJpegLibrary.CODEC_J2K);
                if (codec == null) throw new OpenJpegException("OpenJPEG could not create a decoder");
                OpenJpegLibrary.opj_set_error_handler(codec, NativeCallbacks.ERROR, user);
                OpenJpegLibrary.opj_set_warning_handler(codec, NativeCallbacks.WARNING, user);
                parameters.clear();
                OpenJpegLibrary.opj_set_default_decoder_parameters(parameters);
                // cp_reduce, the struct's first field (an OPJ_UINT32): what opj_decompress -r sets
                parameters.setInt(0, reduction);
                if (OpenJpegLibrary.opj_setup_decoder(codec, parameters) == 0) {
                    throw new OpenJpegException(state.reason("setup"));
                }
                // explicit, so that OPJ_NUM_THREADS in the environment does not decide; a library built without thread
                // support refuses and decodes on the calling thread, which is only slower
                OpenJpegLibrary.opj_codec_set_threads(codec, threads > 1 ? threads : 0);

                int buffer = Math.max(MIN_STREAM_BUFFER, Math.min(MAX_STREAM_BUFFER, data.length));
                stream = OpenJpegLibrary.opj_stream_create(buffer, 1);
                if (stream == null) throw new OpenJpegException("OpenJPEG could not create a stream");
                OpenJpegLibrary.opj_stream_set_read_function(stream, NativeCallbacks.READ);
                OpenJpegLibrary.opj_stream_set_skip_function(stream, NativeCallbacks.SKIP);
                OpenJpegLibrary.opj_stream_set_seek_function(stream, NativeCallbacks.SEEK);
                OpenJpegLibrary.opj_stream_set_user_data(stream, user, null);
                // the length lets OpenJPEG find the end of the last tile part and refuse lengths that run past the data
                OpenJpegLibrary.opj_stream_set_user_data_length(stream, data.length);

                PointerByReference imageRef = new PointerByReference();
                boolean header = OpenJpegLibrary.opj_read_header(stream, codec, imageRef) != 0;
                image = imageRef.getValue();  // may be set even when reading the header failed
                if (!header || image == null) throw new OpenJpegException(state.reason("reading the main header"));
                if (OpenJpegLibrary.opj_decode(codec, stream, image) == 0) {
                    throw new OpenJpegException(state.reason("decoding"));
                }
                if (OpenJpegLibrary.opj_end_decompress(codec, stream) == 0) {
                    throw new OpenJpegException(state.reason("ending"));
                }
                return ImageLayout.read(image, reduced(width, reduction), reduced(height, reduction), components);
            } finally {
                if (image != null) OpenJpegLibrary.opj_image_destroy(image);
                if (stream != null) OpenJpegLibrary.opj_stream_destroy(stream);
                if (codec != null) OpenJpegLibrary.opj_destroy_codec(codec);
            }
        }
    }

    /** A side of {@code full} samples after {@code reduction} halvings, as OpenJPEG rounds them (up; image offset 0). */
    public static int reduced(int full, int reduction) {
        return (int) ((full + (1L << reduction) - 1) >> reduction);
    }
}
