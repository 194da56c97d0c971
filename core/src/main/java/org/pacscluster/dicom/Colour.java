package org.pacscluster.dicom;

/** Colour arithmetic shared by the decoders: luminance and the JPEG (libjpeg) YCbCr to RGB conversion. */
final class Colour {
    private Colour() {}

    /** ITU-R BT.601 luma, the Y of YCbCr, so that RGB and YBR images of one scene get the same grey levels. */
    static float luminance(double r, double g, double b) { return (float) (0.299 * r + 0.587 * g + 0.114 * b); }

    // libjpeg's fixed-point tables (jdcolor.c), so that our RGB equals what libjpeg-based readers produce
    private static final int SCALE = 16, HALF = 1 << (SCALE - 1);
    private static final int[] CR_R = new int[256], CB_B = new int[256], CR_G = new int[256], CB_G = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (fix(1.40200) * x + HALF) >> SCALE;
            CB_B[i] = (fix(1.77200) * x + HALF) >> SCALE;
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + HALF;
        }
    }

    private static int fix(double v) { return (int) (v * (1 << SCALE) + 0.5); }

    private static int clamp(int v) { return v < 0 ? 0 : Math.min(v, 255); }

    /** Converts interleaved 8-bit YCbCr samples to RGB in place, bit-exact with libjpeg's ycc_rgb_convert. */
    static void ycbcrToRgb(int[] s) {
        for (int i = 0; i + 2 < s.length; i += 3) {
            int y = s[i], cb = s[i + 1] & 0xFF, cr = s[i + 2] & 0xFF;
            s[i] = clamp(y + CR_R[cr]);
            s[i + 1] = clamp(y + ((CB_G[cb] + CR_G[cr]) >> SCALE));
            s[i + 2] = clamp(y + CB_B[cb]);
        }
    }
}
