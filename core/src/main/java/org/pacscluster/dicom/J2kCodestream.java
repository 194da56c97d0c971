package org.pacscluster.dicom;

/**
 * What the main header of a JPEG 2000 codestream says, read before any decoder sees the data (ISO/IEC 15444-1
 * A.5.1, A.6.1, I.5): the image size, number of components and their subsampling (SIZ), the first component's
 * precision and signedness, and the coding style (COD): whether a multiple-component transform is used and which
 * wavelet, 9/7 irreversible or 5/3 reversible. Irreversible with the transform is YBR_ICT. For a JP2 file (DICOM
 * should carry raw codestreams, some writers wrap them) the codestream is the one in the first contiguous codestream
 * box, which is the one decoders read, and {@code components} counts the channels a palette box (pclr) makes.
 *
 * @param jp2         whether the data is a JP2 file rather than a raw codestream
 * @param subsampled  whether any component is subsampled (XRsiz or YRsiz above 1)
 * @param levels      the wavelet decomposition levels of the main header's COD (a COC or tile header may set fewer
 *                    for some component or tile): how many times a decoder can halve the image by skipping levels
 */
record J2kCodestream(boolean jp2, long width, long height, int components, boolean subsampled, int precision,
                     boolean signed, boolean componentTransform, boolean irreversible, int levels) {
    private static final int SOC = 0xFF4F, SIZ = 0xFF51, COD = 0xFF52, SOT = 0xFF90, SOD = 0xFF93;
    private static final int JP2_HEADER = 0x6A703268, CODESTREAM = 0x6A703263, PALETTE = 0x70636C72;  // jp2h jp2c pclr
    private static final byte[] JP2_SIGNATURE = {0, 0, 0, 12, 'j', 'P', ' ', ' ', 0x0D, 0x0A, (byte) 0x87, 0x0A};

    /** The main header of a raw codestream (starting with SOC, SIZ) or of a JP2 file's codestream, or null. */
    static J2kCodestream of(byte[] d) {
        boolean jp2 = startsWithJp2Signature(d);
        int p = jp2 ? jp2Codestream(d) : 0;
        if (p < 0 || p + 4 > d.length || u16(d, p) != SOC || u16(d, p + 2) != SIZ) return null;
        int paletteChannels = jp2 ? jp2PaletteChannels(d) : 0;
        p += 2;
        long width = -1, height = -1;
        int components = 0, precision = -1;
        boolean signed = false, subsampled = false;
        while (p + 4 <= d.length) {
            int marker = u16(d, p), length = u16(d, p + 2);
            if (marker == SOT || marker == SOD || (marker >>> 8) != 0xFF || length < 2) return null;
            if (marker == SIZ) {
                // marker 2, Lsiz 2, Rsiz 2, Xsiz Ysiz XOsiz YOsiz XTsiz YTsiz XTOsiz YTOsiz (4 each), Csiz 2,
                // then Ssiz XRsiz YRsiz (1 each) per component
                if (p + 40 > d.length) return null;
                components = u16(d, p + 38);
                if (components < 1 || length != 38 + 3 * components || p + 2 + length > d.length) return null;
                width = u32(d, p + 6) - u32(d, p + 14);
                height = u32(d, p + 10) - u32(d, p + 18);
                if (width <= 0 || height <= 0) return null;
                int ssiz = d[p + 40] & 0xFF;
                precision = (ssiz & 0x7F) + 1;
                signed = (ssiz & 0x80) != 0;
                for (int c = 0; c < components; c++) {
                    if ((d[p + 41 + 3 * c] & 0xFF) != 1 || (d[p + 42 + 3 * c] & 0xFF) != 1) subsampled = true;
                }
            } else if (marker == COD && p + 14 <= d.length) {
                // marker 2, Lcod 2, Scod 1, progression 1, layers 2, MCT 1, levels 1, cb w 1, cb h 1, style 1, wavelet
                if (precision < 0) return null;
                return new J2kCodestream(jp2, width, height, paletteChannels > 0 ? paletteChannels : components,
                        subsampled, precision, signed, d[p + 8] == 1, d[p + 13] == 0, d[p + 9] & 0xFF);
            }
            p += 2 + length;
        }
        return null;
    }

    private static boolean startsWithJp2Signature(byte[] d) {
        if (d.length < JP2_SIGNATURE.length) return false;
        for (int i = 0; i < JP2_SIGNATURE.length; i++) if (d[i] != JP2_SIGNATURE[i]) return false;
        return true;
    }

    /** Where the first contiguous codestream box's content starts, or -1. */
    private static int jp2Codestream(byte[] d) {
        long[] box = box(d, 0, d.length, CODESTREAM);
        return box == null ? -1 : (int) box[0];
    }

    /** The channels (NPC) of the palette box inside the JP2 header box, or 0 when there is none. */
    static int jp2PaletteChannels(byte[] d) {
        long[] header = box(d, 0, d.length, JP2_HEADER);
        if (header == null) return 0;
        long[] palette = box(d, (int) header[0], (int) header[1], PALETTE);
        // pclr: NE (2 bytes), NPC (1 byte), ...
        return palette == null || palette[0] + 3 > palette[1] ? 0 : d[(int) palette[0] + 2] & 0xFF;
    }

    /**
     * The content (start, end) of the first box of {@code type} among the boxes in [from, to), or null. A box is
     * LBox (4 bytes), TBox (4), XLBox (8, when LBox is 1); LBox 0 runs to the end.
     */
    private static long[] box(byte[] d, int from, int to, int type) {
        long p = from;
        while (p + 8 <= to) {
            long length = u32(d, (int) p), header = 8;
            if (length == 1) {
                if (p + 16 > to) return null;
                long high = u32(d, (int) p + 8), low = u32(d, (int) p + 12);
                if (high != 0) return null;  // over 4 GiB: not in a byte array
                length = low;
                header = 16;
            } else if (length == 0) {
                length = to - p;
            }
            if (length < header || length > to - p) return null;
            if ((int) u32(d, (int) p + 4) == type) return new long[] {p + header, p + length};
            p += length;
        }
        return null;
    }

    private static int u16(byte[] d, int i) { return (d[i] & 0xFF) << 8 | (d[i + 1] & 0xFF); }

    private static long u32(byte[] d, int i) { return (long) u16(d, i) << 16 | u16(d, i + 2); }

    /** YBR_ICT: the irreversible colour transform on three components. */
    boolean irreversibleColour() { return componentTransform && irreversible; }
}
