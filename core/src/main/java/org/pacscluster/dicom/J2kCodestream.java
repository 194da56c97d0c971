package org.pacscluster.dicom;

/**
 * What the main header of a JPEG 2000 codestream says about its samples: the first component's precision and
 * signedness (SIZ) and the coding style (COD): whether a multiple-component transform is used and which wavelet,
 * 9/7 irreversible or 5/3 reversible (ISO/IEC 15444-1 A.5.1, A.6.1). Irreversible with the transform is YBR_ICT.
 */
record J2kCodestream(int precision, boolean signed, boolean componentTransform, boolean irreversible) {
    private static final int SOC = 0xFF4F, SIZ = 0xFF51, COD = 0xFF52, SOT = 0xFF90, SOD = 0xFF93;

    /** The main header of a codestream (raw, or inside a JP2 file), or null when none can be read. */
    static J2kCodestream of(byte[] d) {
        int p = start(d);
        if (p < 0) return null;
        int precision = -1;
        boolean signed = false;
        p += 2;
        while (p + 4 <= d.length) {
            int marker = u16(d, p), length = u16(d, p + 2);
            if (marker == SOT || marker == SOD || (marker >>> 8) != 0xFF || length < 2) return null;
            if (marker == SIZ && p + 41 <= d.length) {
                int ssiz = d[p + 40] & 0xFF;  // marker 2, Lsiz 2, Rsiz 2, 8 x 4-byte sizes, Csiz 2
                precision = (ssiz & 0x7F) + 1;
                signed = (ssiz & 0x80) != 0;
            } else if (marker == COD && p + 14 <= d.length) {
                // marker 2, Lcod 2, Scod 1, progression 1, layers 2, MCT 1, levels 1, cb w 1, cb h 1, style 1, wavelet
                return precision < 0 ? null : new J2kCodestream(precision, signed, d[p + 8] == 1, d[p + 13] == 0);
            }
            p += 2 + length;
        }
        return null;
    }

    /** Where SOC followed by SIZ starts: at 0 for a raw codestream, inside the contiguous codestream box of JP2. */
    private static int start(byte[] d) {
        for (int i = 0; i + 3 < d.length; i++) {
            if (u16(d, i) == SOC && u16(d, i + 2) == SIZ) return i;
        }
        return -1;
    }

    private static int u16(byte[] d, int i) { return (d[i] & 0xFF) << 8 | (d[i + 1] & 0xFF); }

    /** YBR_ICT: the irreversible colour transform on three components. */
    boolean irreversibleColour() { return componentTransform && irreversible; }
}
