package org.pacscluster.dicom;

/**
 * Stored samples to grey levels: the modality LUT (table or rescale slope/intercept), palette and colour to
 * luminance, and MONOCHROME1 inverted when asked so that high values are bright for every image.
 */
final class GreyLevels {
    private GreyLevels() {}

    static float[] of(RawFrame f, PixelModule m, boolean invertMonochrome1) {
        int n = m.rows(f.halvings()) * m.columns(f.halvings());
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
        ModalityLut lut = m.modalityLut();
        if (f.unsigned32() || !lut.identity()) {
            for (int i = 0; i < n; i++) out[i] = (float) lut.apply(f.value(i));
        } else {
            for (int i = 0; i < n; i++) out[i] = s[i];
        }
        if (invertMonochrome1 && m.photometric() == Photometric.MONOCHROME1) {
            // mirror within what the modality LUT makes of the stored value range, so values stay in that range
            double[] stored = m.storedRange();
            double[] range = lut.range(stored[0], stored[1]);
            float sum = (float) (range[0] + range[1]);
            for (int i = 0; i < n; i++) out[i] = sum - out[i];
        }
        return out;
    }
}
