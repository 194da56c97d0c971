package org.pacscluster.dicom;

/**
 * One decoded frame as stored sample values (before the modality LUT), interleaved pixel by pixel.
 * {@code unsigned32} marks 32-bit unsigned data whose values do not fit an int; {@code ycbcr} marks colour samples
 * that are still Y, Cb, Cr (their luminance is Y). {@code halvings} says how many times each side of the stored frame
 * was halved in decoding ({@link ReducedResolution}; 0 for full resolution).
 */
record RawFrame(int[] samples, int samplesPerPixel, boolean unsigned32, boolean ycbcr, int halvings) {
    RawFrame(int[] samples, int samplesPerPixel, boolean unsigned32, boolean ycbcr) {
        this(samples, samplesPerPixel, unsigned32, ycbcr, 0);
    }

    double value(int i) {
        int v = samples[i];
        return unsigned32 ? Integer.toUnsignedLong(v) : v;
    }
}
