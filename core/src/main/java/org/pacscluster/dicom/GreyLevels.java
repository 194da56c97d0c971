package org.pacscluster.dicom;

/**
 * Stored samples to grey levels: the modality LUT (rescale slope/intercept), palette and colour to luminance,
 * and MONOCHROME1 inverted when asked so that high values are bright for every image.
 */
final class GreyLevels {
    private GreyLevels() {}

    static float[] of(RawFrame f, PixelModule m, boolean invertMonochrome1) {
        int n = m.pixelsPerFrame();
        int[] s = f.samples();
        float[] out = new float[n];
        if (f.samplesPerPixel() == 3) {
            if (f.ycbcr()) {
                for (int i = 0; i < n; i++) out[i] = s[3 * i];
            } else {
                for (int i = 0; i < n; i++) out[i] = Colour.luminance(s[3 * i], s[3 * i + 1], s[3 * i + 2]);
            }
            return out;
        }
        if (m.palette() != null) {
            Palette p = m.palette();
            for (int i = 0; i < n; i++) out[i] = p.luminanceOf(s[i]);
            return out;
        }
        double slope = m.slope(), intercept = m.intercept();
        if (f.unsigned32()) {
            for (int i = 0; i < n; i++) out[i] = (float) (slope * Integer.toUnsignedLong(s[i]) + intercept);
        } else if (m.rescaled()) {
            for (int i = 0; i < n; i++) out[i] = (float) (slope * s[i] + intercept);
        } else {
            for (int i = 0; i < n; i++) out[i] = s[i];
        }
        if (invertMonochrome1 && m.photometric() == Photometric.MONOCHROME1) {
            // mirror within the stored value range (after rescale), so values stay in the same range
            int bs = m.bitsStored();
            double lo = m.signed() ? -Math.pow(2, bs - 1) : 0;
            double hi = m.signed() ? Math.pow(2, bs - 1) - 1 : Math.pow(2, bs) - 1;
            float sum = (float) (slope * lo + intercept + slope * hi + intercept);
            for (int i = 0; i < n; i++) out[i] = sum - out[i];
        }
        return out;
    }
}
