package org.pacscluster.dicom;

import org.pacscluster.dicom.openjpeg.OpenJpeg;

/**
 * How many times a frame may be halved in decoding when it is only wanted as a small image (ingest's S×S): JPEG 2000
 * stores wavelet levels, and leaving out the finest ones skips most of the decode.
 *
 * <p>The rule keeps the result close to decoding in full and resizing: the halved frame must stay at least twice the
 * target on both sides, so the antialiased resize that follows still does the last factor of two or more, and its
 * sides must round to the same S×S geometry as the full frame's (keep-aspect resize: longer side S, shorter side
 * rounded), so the padding does not move. How close the two paths come on real files is measured in
 * {@code ReducedResolutionTest} and docs/dicom.md.
 */
final class ReducedResolution {
    private ReducedResolution() {}

    /** Least ratio of the halved frame's sides to the target's. */
    static final int OVERSAMPLING = 2;

    /** The most halvings, at most {@code available}, for a rows×columns frame wanted at {@code size} (0: none). */
    static int halvings(int rows, int columns, int available, int size) {
        if (size <= 0 || available <= 0) return 0;
        int longer = Math.max(rows, columns), shorter = Math.min(rows, columns);
        long targetShorter = shorterSide(longer, shorter, size);
        int best = 0;
        for (int r = 1; r <= Math.min(available, 30); r++) {
            int l = OpenJpeg.reduced(longer, r), s = OpenJpeg.reduced(shorter, r);
            if (l < (long) OVERSAMPLING * size || s < OVERSAMPLING * targetShorter) break;
            if (shorterSide(l, s, size) == targetShorter) best = r;
        }
        return best;
    }

    /** The shorter side of a keep-aspect resize to {@code size}, rounded as {@code dataset.Preprocessor} does. */
    private static long shorterSide(int longer, int shorter, int size) {
        return Math.max(1, Math.round((double) shorter * size / longer));
    }
}
