package org.pacscluster.dicom;

/**
 * The red, green and blue lookup tables of a PALETTE COLOR image, given whole or segmented (PS3.3 C.7.9.2,
 * expanded by {@link SegmentedLut}), and the luminance of each entry.
 */
final class Palette {
    private final int firstMapped;
    /** The red, green and blue tables, in the LUT's own units. */
    private final int[][] rgb;
    /** Luminance (ITU-R BT.601 weights) of each entry, in the LUT's own units. */
    private final float[] luminance;

    private Palette(int firstMapped, int[][] rgb, float[] luminance) {
        this.firstMapped = firstMapped;
        this.rgb = rgb;
        this.luminance = luminance;
    }

    static Palette from(DicomHeader h) throws DicomRejectedException {
        int[][] rgb = new int[3][];
        for (int c = 0; c < 3; c++) {
            int[] d = h.paletteDescriptor[c];
            byte[] data = h.paletteData[c];
            byte[] segmented = h.segmentedPaletteData[c];
            if (d == null || (data == null && segmented == null)) {
                throw new DicomRejectedException("PALETTE COLOR image without its lookup tables");
            }
            int entries = d[0] == 0 ? 65536 : d[0];
            // whole tables come first, as in pydicom's apply_color_lut
            rgb[c] = data != null ? entries(data, entries, h.bigEndian) : SegmentedLut.expand(segmented, d[2], h.bigEndian);
        }
        int first = h.paletteDescriptor[0][1];
        int n = Math.min(rgb[0].length, Math.min(rgb[1].length, rgb[2].length));
        if (n == 0) throw new DicomRejectedException("empty palette lookup table");
        float[] lum = new float[n];
        for (int i = 0; i < n; i++) lum[i] = Colour.luminance(rgb[0][i], rgb[1][i], rgb[2][i]);
        return new Palette(first, rgb, lum);
    }

    /** Table {@code c} (0 red, 1 green, 2 blue) as expanded, for tests. */
    int[] table(int c) { return rgb[c].clone(); }

    /** LUT data is 8-bit when it has one byte per entry, else 16-bit words in the data set's byte order. */
    private static int[] entries(byte[] data, int entries, boolean big) throws DicomRejectedException {
        int[] out = new int[entries];
        if (data.length == entries) {
            for (int i = 0; i < entries; i++) out[i] = data[i] & 0xFF;
        } else if (data.length >= 2 * entries) {
            for (int i = 0; i < entries; i++) {
                int a = data[2 * i] & 0xFF, b = data[2 * i + 1] & 0xFF;
                out[i] = big ? a << 8 | b : b << 8 | a;
            }
        } else {
            throw new DicomRejectedException("palette lookup table has " + data.length + " bytes for " + entries + " entries");
        }
        return out;
    }

    /** Luminance of a stored index; indices outside the table take its first or last entry (PS3.3 C.7.6.3.1.5). */
    float luminanceOf(int index) {
        int i = index - firstMapped;
        if (i < 0) i = 0;
        else if (i >= luminance.length) i = luminance.length - 1;
        return luminance[i];
    }
}
