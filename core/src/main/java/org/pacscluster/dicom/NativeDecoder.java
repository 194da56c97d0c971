package org.pacscluster.dicom;

/**
 * Uncompressed pixel data to sample values: 1-bit (least significant bit first), 8, 16 and 32-bit words in either
 * byte order, colour-by-plane reordered to colour-by-pixel, and YBR_FULL_422 expanded to three samples per pixel
 * the way pydicom does it.
 */
final class NativeDecoder {
    private NativeDecoder() {}

    /**
     * Decodes one frame from {@code data}, which starts at {@code bitOffset} bits into its first byte (non-zero only
     * for 1-bit frames that do not start on a byte boundary).
     */
    static RawFrame decode(byte[] data, int bitOffset, PixelModule m, boolean bigEndian) {
        boolean ybr422 = m.photometric() == Photometric.YBR_FULL_422;
        int n = ybr422 ? m.pixelsPerFrame() * 2 : m.samplesPerFrame();
        int[] s = new int[n];
        switch (m.bitsAllocated()) {
            case 1 -> {
                for (int i = 0; i < n; i++) {
                    int bit = bitOffset + i;
                    s[i] = (data[bit >>> 3] >> (bit & 7)) & 1;
                }
            }
            case 8 -> {
                for (int i = 0; i < n; i++) s[i] = data[i] & 0xFF;
            }
            case 16 -> {
                if (bigEndian) {
                    for (int i = 0, j = 0; i < n; i++, j += 2) s[i] = (data[j] & 0xFF) << 8 | (data[j + 1] & 0xFF);
                } else {
                    for (int i = 0, j = 0; i < n; i++, j += 2) s[i] = (data[j + 1] & 0xFF) << 8 | (data[j] & 0xFF);
                }
            }
            case 32 -> {
                if (bigEndian) {
                    for (int i = 0, j = 0; i < n; i++, j += 4) {
                        s[i] = (data[j] & 0xFF) << 24 | (data[j + 1] & 0xFF) << 16 | (data[j + 2] & 0xFF) << 8 | (data[j + 3] & 0xFF);
                    }
                } else {
                    for (int i = 0, j = 0; i < n; i++, j += 4) {
                        s[i] = (data[j + 3] & 0xFF) << 24 | (data[j + 2] & 0xFF) << 16 | (data[j + 1] & 0xFF) << 8 | (data[j] & 0xFF);
                    }
                }
            }
            default -> throw new IllegalStateException("bits allocated " + m.bitsAllocated());
        }
        if (m.bitsAllocated() > 1) SampleFix.apply(s, m.bitsStored(), m.signed());
        if (ybr422) s = expand422(s);
        else if (m.samplesPerPixel() > 1 && m.planar()) s = interleave(s, m.samplesPerPixel());
        boolean u32 = m.bitsAllocated() == 32 && m.bitsStored() == 32 && !m.signed();
        return new RawFrame(s, m.samplesPerPixel(), u32, m.photometric().ybr());
    }

    /** Y1 Y2 Cb Cr becomes Y1 Cb Cr Y2 Cb Cr (PS3.3 C.7.6.3.1.2). */
    static int[] expand422(int[] s) {
        int[] out = new int[s.length / 2 * 3];
        for (int i = 0, o = 0; i + 3 < s.length; i += 4, o += 6) {
            out[o] = s[i];
            out[o + 1] = s[i + 2];
            out[o + 2] = s[i + 3];
            out[o + 3] = s[i + 1];
            out[o + 4] = s[i + 2];
            out[o + 5] = s[i + 3];
        }
        return out;
    }

    /** Planes (all R, then all G, then all B) to pixels (R G B R G B ...). */
    static int[] interleave(int[] planes, int spp) {
        int pixels = planes.length / spp;
        int[] out = new int[planes.length];
        for (int c = 0; c < spp; c++) {
            int base = c * pixels;
            for (int p = 0; p < pixels; p++) out[p * spp + c] = planes[base + p];
        }
        return out;
    }
}
