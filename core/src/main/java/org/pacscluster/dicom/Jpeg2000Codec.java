package org.pacscluster.dicom;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.pacscluster.dicom.openjpeg.DecodedImage;
import org.pacscluster.dicom.openjpeg.OpenJpeg;
import org.pacscluster.dicom.openjpeg.OpenJpegException;

/**
 * JPEG 2000 frames, decoded by OpenJPEG (native, through JNA: {@link OpenJpeg}) or by jai-imageio's JJ2000 (pure
 * Java, several times slower on lossy images), as the system property {@value #PROPERTY} says:
 *
 * <ul>
 *   <li>{@code auto} (the default): OpenJPEG when it loads, else JJ2000, silently; JJ2000 also takes the frames the
 *       binding does not (subsampled components; a codestream neither at the start of the frame nor in a JP2 box).
 *       A frame OpenJPEG refuses is rejected with OpenJPEG's reason, not retried with JJ2000: OpenJPEG is the decoder
 *       of the peers, and what JJ2000 makes of a stream OpenJPEG refuses is at best a partial image — it decodes
 *       GDCMJ2K_TextGBR.dcm only in part without a word, and on a truncated codestream it prints a stack trace to
 *       stderr and throws ThreadDeath (docs/dicom.md).</li>
 *   <li>{@code native}: OpenJPEG only; a machine without it rejects every JPEG 2000 frame, saying why.</li>
 *   <li>{@code java}: JJ2000 only, as before the native path.</li>
 * </ul>
 *
 * Either way the codestream's main header is checked against the DICOM header before a decoder sees the data: the
 * image size must be the one the header declares (which {@code ReadLimits} has accepted), so a hostile SIZ marker
 * cannot make a decoder allocate more. Both decoders give OpenJPEG's samples, which pydicom and GDCM use: equal
 * for reversible (lossless) coding, and within one level for the irreversible 9/7 wavelet (docs/dicom.md).
 */
final class Jpeg2000Codec {
    private Jpeg2000Codec() {}

    static final String PROPERTY = "pacscluster.j2k";

    /** Which decoder to use. */
    enum Choice {
        AUTO, NATIVE, JAVA;

        /** The choice {@value #PROPERTY} asks for (read on every frame, so that it may change at run time). */
        static Choice current() throws DicomRejectedException {
            String v = System.getProperty(PROPERTY, "auto").strip().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "auto", "" -> AUTO;
                case "native" -> NATIVE;
                case "java" -> JAVA;
                default -> throw new DicomRejectedException("-D" + PROPERTY + " must be auto, native or java, not '" + v + "'");
            };
        }
    }

    /** Whether OpenJPEG decodes JPEG 2000 frames in this process, as {@value #PROPERTY} and the system stand. */
    static boolean openJpegDecodes() {
        try {
            return Choice.current() != Choice.JAVA && OpenJpeg.available();
        } catch (DicomRejectedException e) {
            return false;
        }
    }

    static RawFrame decode(byte[] data, PixelModule m) throws DicomRejectedException, IOException {
        return decode(data, m, Choice.current(), 0);
    }

    /** A frame wanted as a {@code size}² image (0: full resolution), halved in decoding as far as allowed. */
    static RawFrame decode(byte[] data, PixelModule m, int size) throws DicomRejectedException, IOException {
        return decode(data, m, Choice.current(), size);
    }

    static RawFrame decode(byte[] data, PixelModule m, Choice choice) throws DicomRejectedException, IOException {
        return decode(data, m, choice, 0);
    }

    static RawFrame decode(byte[] data, PixelModule m, Choice choice, int size) throws DicomRejectedException, IOException {
        J2kCodestream header = J2kCodestream.of(data);
        if (header != null) checkAgainstDicom(header, m);
        boolean openJpeg = choice != Choice.JAVA && OpenJpeg.available() && nativeCannot(header) == null;
        boolean jj2000 = !openJpeg && choice != Choice.NATIVE && header != null && !header.subsampled();
        int halvings = (openJpeg || jj2000) && lowPassCommutes(data, header, m) && reducing()
                ? ReducedResolution.halvings(m.rows(), m.columns(), header.levels(), size) : 0;
        int[] s = null;
        if (halvings > 0) {
            try {
                s = openJpeg ? openJpeg(data, m, header, halvings) : ImageIoCodec.decodeJpeg2000(data, m, header, halvings);
            } catch (OpenJpegException | DicomRejectedException e) {
                // a tile or component coded with fewer levels than the main header's COD: decode in full below,
                // which also gives the proper reason when the stream itself is bad
                halvings = 0;
            }
        }
        if (s == null) {
            s = switch (choice) {
                case JAVA -> ImageIoCodec.decodeJpeg2000(data, m, header);
                case NATIVE -> openJpeg(data, m, header, 0);
                case AUTO -> openJpeg ? openJpeg(data, m, header, 0) : ImageIoCodec.decodeJpeg2000(data, m, header);
            };
        }
        // the codestream's own component transform (YBR_ICT/RCT) has been undone by either decoder: RGB comes out
        boolean ycbcr = m.samplesPerPixel() == 3
                && (m.photometric() == Photometric.YBR_FULL || m.photometric() == Photometric.YBR_FULL_422);
        return new RawFrame(s, m.samplesPerPixel(), false, ycbcr, halvings);
    }

    /**
     * Whether a low-pass of the stored samples (what a halved decode gives) is a low-pass of the grey levels: the
     * samples must be values, not palette indices (a JP2 palette box or PALETTE COLOR), turned into grey by a linear
     * modality LUT, and not re-read after decoding (a codestream whose signedness or precision is not the header's
     * goes through SampleFix, and wrapped values do not survive a low-pass).
     */
    private static boolean lowPassCommutes(byte[] data, J2kCodestream header, PixelModule m) {
        return header != null && header.signed() == m.signed() && header.precision() == m.bitsStored()
                && m.palette() == null && m.modalityLut().linear()
                && !(header.jp2() && J2kCodestream.jp2PaletteChannels(data) > 0);
    }

    static final String REDUCE_PROPERTY = "pacscluster.j2k.reduce";

    /** Whether {@value #REDUCE_PROPERTY} (auto, the default, or off) lets a small target skip wavelet levels. */
    static boolean reducing() throws DicomRejectedException {
        String v = System.getProperty(REDUCE_PROPERTY, "auto").strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "auto", "" -> true;
            case "off" -> false;
            default -> throw new DicomRejectedException("-D" + REDUCE_PROPERTY + " must be auto or off, not '" + v + "'");
        };
    }

    private static int[] openJpeg(byte[] data, PixelModule m, J2kCodestream header, int halvings) throws OpenJpegException {
        String cannot = nativeCannot(header);
        if (cannot != null) throw new OpenJpegException(cannot);
        DecodedImage image = OpenJpeg.decode(data, header.jp2(), m.columns(), m.rows(), m.samplesPerPixel(),
                threadsFor((long) m.rows(halvings) * m.columns(halvings) * m.samplesPerPixel()), halvings);
        int[] s = image.samples();
        if (m.signed()) SampleFix.signExtend(s, m.bitsStored());
        return s;
    }

    /**
     * OpenJPEG's worker threads for one image: as many as the caller's thread pool has (the bench's and the commands'
     * thread count; all cores outside a pool and in the common pool), for images of at least {@value #THREADED_SAMPLES} samples; one below,
     * where starting threads costs more than it saves. One large image among many small ones otherwise decodes on one
     * core while the others have finished (a 1955x1841 lossy radiograph: ~0.15 s single-threaded here, the rest of
     * the bench's 48 files ~0.03 s). {@value #THREADS_PROPERTY} sets the count (1: never threaded).
     */
    static int threadsFor(long samples) {
        if (samples < THREADED_SAMPLES) return 1;
        Integer set = Integer.getInteger(THREADS_PROPERTY);
        if (set != null) return Math.max(1, set);
        // the common pool's parallelism is one less than the cores: the thread that waits for it works too
        ForkJoinPool pool = ForkJoinTask.inForkJoinPool() ? ForkJoinTask.getPool() : null;
        return pool == null || pool == ForkJoinPool.commonPool() ? Runtime.getRuntime().availableProcessors()
                : pool.getParallelism();
    }

    static final String THREADS_PROPERTY = "pacscluster.j2k.threads";
    static final long THREADED_SAMPLES = 1 << 20;

    /** Why the OpenJPEG binding will not take a frame, or null when it will. */
    private static String nativeCannot(J2kCodestream header) {
        if (header == null) return "OpenJPEG: no JPEG 2000 main header (SOC, SIZ, COD) at the start of the frame or in a JP2 codestream box";
        if (header.subsampled()) return "OpenJPEG: subsampled components are not supported by the binding";
        return null;
    }

    /** The main header's image against the DICOM header's, before any decoder allocates by it. */
    private static void checkAgainstDicom(J2kCodestream h, PixelModule m) throws DicomRejectedException {
        if (h.width() != m.columns() || h.height() != m.rows()) {
            throw new DicomRejectedException("the JPEG 2000 frame is " + h.width() + "x" + h.height()
                    + " but the header says " + m.columns() + "x" + m.rows());
        }
        if (h.components() != m.samplesPerPixel()) {
            throw new DicomRejectedException("the JPEG 2000 frame is " + h.width() + "x" + h.height() + "x" + h.components()
                    + " but the header says " + m.columns() + "x" + m.rows() + "x" + m.samplesPerPixel());
        }
    }
}
