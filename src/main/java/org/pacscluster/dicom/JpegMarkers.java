package org.pacscluster.dicom;

/** Reads the JPEG markers that decide whether a 3-component stream holds YCbCr or RGB. */
final class JpegMarkers {
    private JpegMarkers() {}

    /**
     * libjpeg's rule (jdapimin.c): a JFIF APP0 means YCbCr; else an Adobe APP14 says (transform 0 = RGB);
     * else component ids 'R','G','B' mean RGB; anything else is YCbCr.
     */
    static boolean isYCbCr(byte[] d) {
        boolean jfif = false;
        int adobeTransform = -1;
        int[] ids = null;
        int i = 2;  // after SOI
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
            if (marker == 0xDA || marker == 0xD9) break;  // start of scan: all the tables are known
            int len = (d[i + 2] & 0xFF) << 8 | (d[i + 3] & 0xFF);
            int p = i + 4;
            if (marker == 0xE0 && len >= 7 && p + 5 <= d.length && d[p] == 'J' && d[p + 1] == 'F' && d[p + 2] == 'I'
                    && d[p + 3] == 'F' && d[p + 4] == 0) {
                jfif = true;
            } else if (marker == 0xEE && len >= 12 && p + 12 <= d.length && d[p] == 'A' && d[p + 1] == 'd'
                    && d[p + 2] == 'o' && d[p + 3] == 'b' && d[p + 4] == 'e') {
                adobeTransform = d[p + 11] & 0xFF;
            } else if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
                    && p + 6 <= d.length) {
                int nc = d[p + 5] & 0xFF;
                if (nc == 3 && p + 6 + 9 <= d.length) ids = new int[] {d[p + 6] & 0xFF, d[p + 9] & 0xFF, d[p + 12] & 0xFF};
            }
            i += 2 + len;
        }
        if (jfif) return true;
        if (adobeTransform >= 0) return adobeTransform != 0;
        return ids == null || !(ids[0] == 'R' && ids[1] == 'G' && ids[2] == 'B');
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
