package org.pacscluster.dicom;

/** Reads the JPEG markers that matter for DICOM: the Adobe colour transform flag and the sample precision. */
final class JpegMarkers {
    private JpegMarkers() {}

    /**
     * The transform flag of a well-formed Adobe APP14 segment (0 = RGB, 1 = YCbCr, 2 = YCCK), or -1 when the stream
     * has none. Segments too short to hold the flag count as absent, as in libjpeg and Pillow.
     */
    static int adobeTransform(byte[] d) {
        int[] seg = adobeSegment(d);
        return seg == null || seg[1] < 14 ? -1 : d[seg[0] + 2 + 13] & 0xFF;
    }

    /**
     * Removes an Adobe APP14 segment too short to hold its transform flag: libjpeg ignores it, TwelveMonkeys
     * refuses the whole stream ("Bad segment length").
     */
    static byte[] withoutShortAdobeSegment(byte[] d) {
        int[] seg = adobeSegment(d);
        if (seg == null || seg[1] >= 14) return d;
        int cut = 2 + seg[1];
        byte[] out = new byte[d.length - cut];
        System.arraycopy(d, 0, out, 0, seg[0]);
        System.arraycopy(d, seg[0] + cut, out, seg[0], d.length - seg[0] - cut);
        return out;
    }

    /** {position of the FF of the APP14 "Adobe" marker, its segment length}, or null. */
    private static int[] adobeSegment(byte[] d) {
        int i = 2;  // after SOI
        while (i + 4 <= d.length) {
            if ((d[i] & 0xFF) != 0xFF) return null;
            int marker = d[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) return null;  // tables end at the start of scan
            int len = (d[i + 2] & 0xFF) << 8 | (d[i + 3] & 0xFF);
            int p = i + 4;
            if (marker == 0xEE && len >= 7 && p + 5 <= d.length && d[p] == 'A' && d[p + 1] == 'd' && d[p + 2] == 'o'
                    && d[p + 3] == 'b' && d[p + 4] == 'e') {
                return new int[] {i, len};
            }
            i += 2 + len;
        }
        return null;
    }

    /** The sample precision of the first SOF marker, or -1. */
    static int precision(byte[] d) {
        int i = 2;
        while (i + 4 <= d.length) {
            if ((d[i] & 0xFF) != 0xFF) {
                i++;
                continue;
            }
            int marker = d[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                i += 2;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) return -1;
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                return i + 4 < d.length ? d[i + 4] & 0xFF : -1;
            }
            i += 2 + ((d[i + 2] & 0xFF) << 8 | (d[i + 3] & 0xFF));
        }
        return -1;
    }
}
