package org.pacscluster.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * How much of an untrusted input pacscluster will hold in memory, checked against what the input declares (sizes
 * in a ZIP directory, an image header, Rows × Columns) before anything is allocated, and against what it actually
 * delivers while it is read (an inflating stream, a PACS answer). A limit that is hit fails that one input with a
 * {@link LimitExceededException} naming the limit; a batch goes on with the next input.
 *
 * <p>One process-wide setting, like the heap it protects: the readers that need it sit deep below every entry point
 * (inspect, ingest, predict, audit, bench), and a parameter threaded through each of them would say nothing more.
 * The command line installs the user's values once ({@link #install}); the defaults scale with the Java heap
 * ({@code -Xmx}), so that a limit is hit before the heap runs out:
 *
 * <ul>
 *   <li>{@code max-file-size}: largest single file, ZIP member, inflated DICOM data set, PACS answer or multipart
 *       part read into memory — ⅛ of the heap, between 16 MiB and 1 GiB;</li>
 *   <li>{@code max-image-pixels}: largest image or frame, rows × columns × samples per pixel, from its header —
 *       heap / 16 (one sample ≈ 16 bytes while it is decoded and converted), between 1 Mi and 256 Mi;</li>
 *   <li>{@code max-qido-results}: most results in one QIDO-RS answer — 10,000 (the largest page pacscluster asks
 *       for is 10,000; a server that sends more does not page).</li>
 * </ul>
 */
public record ReadLimits(long maxFileBytes, long maxImagePixels, long maxQidoResults) {
    public static final String MAX_FILE_SIZE = "max-file-size";
    public static final String MAX_IMAGE_PIXELS = "max-image-pixels";
    public static final String MAX_QIDO_RESULTS = "max-qido-results";

    private static volatile ReadLimits current = defaults();

    public ReadLimits {
        if (maxFileBytes < 1) throw new InvalidSettingException("maxFileSize", "must be at least 1 byte, got " + maxFileBytes);
        if (maxImagePixels < 1) throw new InvalidSettingException("maxImagePixels", "must be at least 1, got " + maxImagePixels);
        if (maxQidoResults < 1) throw new InvalidSettingException("maxQidoResults", "must be at least 1, got " + maxQidoResults);
    }

    /** The defaults for this JVM's heap (see the class comment). */
    public static ReadLimits defaults() {
        long heap = Runtime.getRuntime().maxMemory();
        return new ReadLimits(clamp(heap / 8, 16L << 20, 1L << 30), clamp(heap / 16, 1L << 20, 256L << 20), 10_000);
    }

    /** The limits in force. */
    public static ReadLimits current() { return current; }

    /** Puts {@code limits} in force for the whole process. */
    public static void install(ReadLimits limits) { current = java.util.Objects.requireNonNull(limits); }

    public ReadLimits withMaxFileBytes(long n) { return new ReadLimits(n, maxImagePixels, maxQidoResults); }

    public ReadLimits withMaxImagePixels(long n) { return new ReadLimits(maxFileBytes, n, maxQidoResults); }

    public ReadLimits withMaxQidoResults(long n) { return new ReadLimits(maxFileBytes, maxImagePixels, n); }

    /** Refuses {@code bytes} of {@code what} (e.g. "the ZIP member") before they are read. */
    public void checkFileBytes(long bytes, String what) throws LimitExceededException {
        if (bytes > maxFileBytes) {
            throw new LimitExceededException(what + " is " + size(bytes) + ", more than the " + MAX_FILE_SIZE
                    + " limit of " + size(maxFileBytes), MAX_FILE_SIZE);
        }
    }

    /** Refuses an image of {@code rows}×{@code columns}×{@code samples} before it is decoded. */
    public void checkImage(long rows, long columns, long samples) throws LimitExceededException {
        long n = rows * columns * Math.max(samples, 1);
        if (rows > 0 && columns > 0 && (n > maxImagePixels || n / columns / Math.max(samples, 1) != rows)) {
            throw new LimitExceededException("image of " + rows + "x" + columns + (samples > 1 ? "x" + samples : "")
                    + " samples, more than the " + MAX_IMAGE_PIXELS + " limit of " + maxImagePixels, MAX_IMAGE_PIXELS);
        }
    }

    /**
     * {@code in}, cut with a {@link LimitExceededException} after {@code limit} bytes (the smaller of it and
     * max-file-size): for streams that may deliver more than they declared, or declare nothing.
     */
    public InputStream bounded(InputStream in, long limit, String what) {
        long cap = Math.min(limit, maxFileBytes);
        boolean declared = limit < maxFileBytes;
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) count(1);
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                if (len == 0) return 0;
                // ask for one byte more than allowed, so that "exactly at the limit" and "over it" differ
                int n = super.read(buf, off, (int) Math.max(1, Math.min(len, cap - read + 1)));
                if (n > 0) count(n);
                return n;
            }

            private void count(int n) throws LimitExceededException {
                read += n;
                if (read > cap) {
                    throw declared ? new LimitExceededException(what + " inflates to more than its declared "
                            + size(cap), MAX_FILE_SIZE)
                            : new LimitExceededException(what + " is more than the " + MAX_FILE_SIZE + " limit of "
                            + size(cap), MAX_FILE_SIZE);
                }
            }
        };
    }

    /** Reads all of {@code in} within {@link #bounded} limits. */
    public byte[] readAll(InputStream in, long declared, String what) throws IOException {
        return bounded(in, declared < 0 ? Long.MAX_VALUE : declared, what).readAllBytes();
    }

    /** "512 MiB", "1.5 GiB", "800 bytes". */
    public static String size(long bytes) {
        if (bytes < 1024) return bytes + " bytes";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v)) + " " + units[u];
    }

    /** A size as users write it: {@code 800}, {@code 64k}, {@code 512m}, {@code 2g} (binary units, case-insensitive). */
    public static long parseSize(String s, String setting) {
        String t = s.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
        long unit = 1;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'k' -> unit = 1L << 10;
                case 'm' -> unit = 1L << 20;
                case 'g' -> unit = 1L << 30;
                case 't' -> unit = 1L << 40;
                default -> unit = 1;
            }
            if (unit > 1) t = t.substring(0, t.length() - 1).trim();
        }
        try {
            long n = Long.parseLong(t);
            if (n < 1 || n > Long.MAX_VALUE / unit) throw new NumberFormatException();
            return n * unit;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(setting, "must be a positive size such as 800, 64k, 512m or 2g, got '" + s + "'");
        }
    }

    /** A count as users write it: {@code 1000}, {@code 50m} (×2^20) or {@code 1g}. */
    public static long parseCount(String s, String setting) { return parseSize(s, setting); }

    private static long clamp(long v, long lo, long hi) { return Math.max(lo, Math.min(hi, v)); }
}
