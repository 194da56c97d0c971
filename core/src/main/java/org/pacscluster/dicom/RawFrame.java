package org.pacscluster.dicom;

/**
 * One decoded frame as stored sample values (before the modality LUT), interleaved pixel by pixel.
 * {@code unsigned32} marks 32-bit unsigned data whose values do not fit an int; {@code ycbcr} marks colour samples
 * that are still Y, Cb, Cr (their luminance is Y).
 */
record RawFrame(int[] samples, int samplesPerPixel, boolean unsigned32, boolean ycbcr) {
    double value(int i) {
        int v = samples[i];
        return unsigned32 ? Integer.toUnsignedLong(v) : v;
    }
}
