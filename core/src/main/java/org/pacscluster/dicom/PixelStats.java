package org.pacscluster.dicom;

/**
 * Minimum, maximum, mean and (population) standard deviation of one frame, computed on what pydicom's
 * {@code pixel_array} gives: grey images after the modality LUT (table or rescale), colour and palette images as
 * raw samples.
 */
public record PixelStats(double min, double max, double mean, double std, int rows, int columns) {

    static PixelStats of(RawFrame f, PixelModule m) {
        int n = f.samples().length;
        boolean grey = f.samplesPerPixel() == 1 && m.palette() == null;
        ModalityLut lut = m.modalityLut();
        // a table LUT is applied pixel by pixel; a linear one to the statistics afterwards (below)
        boolean table = grey && !lut.linear();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, sum = 0;
        for (int i = 0; i < n; i++) {
            double v = table ? lut.apply(f.value(i)) : f.value(i);
            if (v < lo) lo = v;
            if (v > hi) hi = v;
            sum += v;
        }
        double mean = sum / n;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double d = (table ? lut.apply(f.value(i)) : f.value(i)) - mean;
            sq += d * d;
        }
        double std = Math.sqrt(sq / n);
        if (grey && lut.linear() && !lut.identity()) {
            double a = lut.slope(), b = lut.intercept();
            double min = a > 0 ? a * lo + b : a * hi + b;
            double max = a > 0 ? a * hi + b : a * lo + b;
            return new PixelStats(min, max, a * mean + b, Math.abs(a) * std, m.rows(), m.columns());
        }
        return new PixelStats(lo, hi, mean, std, m.rows(), m.columns());
    }
}
