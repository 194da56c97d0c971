package org.pacscluster.dicom;

import org.pacscluster.dicom.openjpeg.OpenJpeg;

/**
 * The validated Image Pixel module of one file: geometry, sample format, colour model, frame count, the
 * modality LUT (table or rescale) and the palette. Everything a decoder needs, checked once so decoders can trust it.
 */
record PixelModule(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored, boolean signed,
                   boolean planar, Photometric photometric, int frames, ModalityLut modalityLut, Palette palette) {

    /** Largest image accepted: beyond it an int-indexed array cannot hold one frame. */
    private static final long MAX_SAMPLES = Integer.MAX_VALUE - 16;

    static PixelModule from(DicomHeader h) throws DicomRejectedException {
        if (h.rows < 0 || h.columns < 0) {
            throw new DicomRejectedException("missing " + (h.rows < 0 ? "Rows (0028,0010)" : "Columns (0028,0011)"));
        }
        if (h.rows == 0 || h.columns == 0) throw new DicomRejectedException("empty image: " + h.rows + "x" + h.columns);
        int ba = h.bitsAllocated;
        if (ba < 0) throw new DicomRejectedException("missing Bits Allocated (0028,0100)");
        if (ba != 1 && ba != 8 && ba != 16 && ba != 32) {
            throw new DicomRejectedException("unsupported Bits Allocated " + ba + " (1, 8, 16 or 32 are supported)");
        }
        int bs = h.bitsStored <= 0 || h.bitsStored > ba ? ba : h.bitsStored;
        Photometric pi;
        if (h.photometric.isEmpty()) {
            pi = h.samplesPerPixel == 3 ? Photometric.RGB : Photometric.MONOCHROME2;
        } else {
            pi = Photometric.of(h.photometric);
            if (pi == null) throw new DicomRejectedException("unsupported Photometric Interpretation '" + h.photometric + "'");
        }
        int spp = h.samplesPerPixel < 0 ? pi.samples : h.samplesPerPixel;
        if (spp != pi.samples) {
            throw new DicomRejectedException("Samples per Pixel " + spp + " does not fit Photometric Interpretation "
                    + pi.term());
        }
        if (ba == 1 && spp != 1) throw new DicomRejectedException("1-bit colour pixel data is not supported");
        int frames = parseFrames(h.numberOfFrames);
        if ((long) h.rows * h.columns * spp > MAX_SAMPLES) {
            throw new DicomRejectedException("image too large: " + h.rows + "x" + h.columns + "x" + spp);
        }
        // The modality LUT turns grey stored values into modality values; colour and palette images do not use it.
        ModalityLut lut = spp == 1 && pi != Photometric.PALETTE_COLOR ? ModalityLut.from(h) : ModalityLut.IDENTITY;
        Palette palette = pi == Photometric.PALETTE_COLOR ? Palette.from(h) : null;
        return new PixelModule(h.rows, h.columns, spp, ba, bs, h.pixelRepresentation == 1, h.planarConfiguration == 1,
                pi, frames, lut, palette);
    }

    /** Number of Frames is an IS; a damaged value (e.g. "1A") counts as one frame, as other readers do. */
    static int parseFrames(String s) {
        String t = s.split("\\\\", -1)[0].trim();
        if (t.isEmpty()) return 1;
        try {
            int n = Integer.parseInt(t.startsWith("+") ? t.substring(1) : t);
            return Math.max(n, 1);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** First value of a DS, or the default when absent or unreadable. */
    static double parseDecimal(String s, double absent) {
        String t = s.split("\\\\", -1)[0].trim();
        if (t.isEmpty()) return absent;
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return absent;
        }
    }

    int pixelsPerFrame() { return rows * columns; }

    /** Rows of a frame halved {@code halvings} times in decoding (rounded up, as JPEG 2000 does). */
    int rows(int halvings) { return OpenJpeg.reduced(rows, halvings); }

    int columns(int halvings) { return OpenJpeg.reduced(columns, halvings); }

    int samplesPerFrame() { return rows * columns * samplesPerPixel; }

    /** Bits of one native (uncompressed) frame; YBR_FULL_422 stores two samples per pixel instead of three. */
    long nativeFrameBits() {
        long perPixel = photometric == Photometric.YBR_FULL_422 ? 2 : samplesPerPixel;
        return (long) rows * columns * perPixel * bitsAllocated;
    }

    /** The range of stored values Bits Stored and Pixel Representation allow. */
    double[] storedRange() {
        return signed ? new double[] {-Math.pow(2, bitsStored - 1), Math.pow(2, bitsStored - 1) - 1}
                : new double[] {0, Math.pow(2, bitsStored) - 1};
    }
}
