package org.pacscluster.dicom;

import java.util.Locale;
import javax.imageio.ImageReader;

/**
 * Listens to an ImageIO reader for the warnings that say the compressed data ended early. Codecs decode such a
 * stream anyway and fill the missing part with grey; pacscluster rejects it as truncated, as it does a DICOM file
 * that ends inside its pixel data. Other warnings (extraneous bytes before a marker, ...) are harmless and ignored,
 * as other readers ignore them.
 */
public final class TruncationCheck {
    private volatile String first;

    private TruncationCheck() {}

    /** Starts listening to {@code reader}; call {@link #verify} after reading. */
    public static TruncationCheck on(ImageReader reader) {
        TruncationCheck c = new TruncationCheck();
        reader.addIIOReadWarningListener((source, warning) -> {
            if (c.first == null && endsEarly(warning)) c.first = warning.strip();
        });
        return c;
    }

    /** Rejects the image when the reader said its data ended early. */
    public void verify() throws DicomRejectedException {
        if (first != null) throw new DicomRejectedException("truncated: " + first.lines().findFirst().orElse(first));
    }

    static boolean endsEarly(String warning) {
        String w = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
        return w.contains("premature end") || w.contains("truncated") || w.contains("missing eoi");
    }
}
