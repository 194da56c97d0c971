package org.pacscluster.dicom;

/**
 * The modality LUT (PS3.3 C.11.1): stored values to modality values, either through the table of the Modality LUT
 * Sequence (0028,3000) or linearly through Rescale Slope and Intercept. Chosen as pydicom's apply_modality_lut
 * chooses: the sequence when present, else the rescale when both of its values are present, else the identity.
 */
final class ModalityLut {
    static final ModalityLut IDENTITY = new ModalityLut(1.0, 0.0, null, 0);

    private final double slope, intercept;
    /** The table's entries, or null for a linear LUT. */
    private final int[] table;
    private final int firstMapped;

    private ModalityLut(double slope, double intercept, int[] table, int firstMapped) {
        this.slope = slope;
        this.intercept = intercept;
        this.table = table;
        this.firstMapped = firstMapped;
    }

    static ModalityLut linear(double slope, double intercept) { return new ModalityLut(slope, intercept, null, 0); }

    /** A table of {@code entries}, the first of which maps {@code firstMapped} (for tests and {@link #from}). */
    static ModalityLut table(int[] entries, int firstMapped) { return new ModalityLut(1.0, 0.0, entries.clone(), firstMapped); }

    static ModalityLut from(DicomHeader h) throws DicomRejectedException {
        // an empty sequence counts as none (pydicom: ds.get("ModalityLUTSequence") is then false)
        if (h.modalityLutDescriptor != null || h.modalityLutData != null) return fromSequence(h);
        // Like pydicom's apply_modality_lut: the rescale applies only when both values are present.
        if (h.rescaleSlope.isBlank() || h.rescaleIntercept.isBlank()) return IDENTITY;
        double slope = PixelModule.parseDecimal(h.rescaleSlope, 1.0);
        double intercept = PixelModule.parseDecimal(h.rescaleIntercept, 0.0);
        if (slope == 0.0 || !Double.isFinite(slope) || !Double.isFinite(intercept)) {
            throw new DicomRejectedException("invalid Rescale Slope/Intercept '" + h.rescaleSlope + "' / '"
                    + h.rescaleIntercept + "'");
        }
        return slope == 1.0 && intercept == 0.0 ? IDENTITY : linear(slope, intercept);
    }

    /**
     * The table of the sequence's first item. Its data are 16-bit words in the data set's byte order (VR US or OW);
     * like pydicom, entries are cut to the descriptor's bit depth (8 bits, else 16). The first mapped value is
     * signed when its VR is SS or the pixels are signed (PS3.3 C.11.1.1.1).
     */
    private static ModalityLut fromSequence(DicomHeader h) throws DicomRejectedException {
        int[] d = h.modalityLutDescriptor;
        byte[] data = h.modalityLutData;
        if (d == null || data == null) {
            throw new DicomRejectedException("Modality LUT Sequence (0028,3000) without "
                    + (d == null ? "LUT Descriptor (0028,3002)" : "LUT Data (0028,3006)"));
        }
        int entries = d[0] == 0 ? 65536 : d[0];
        if (data.length < 2 * entries) {
            throw new DicomRejectedException("Modality LUT Data has " + data.length + " bytes for " + entries + " entries");
        }
        int first = h.modalityLutFirstSigned || h.pixelRepresentation == 1 ? (short) d[1] : d[1];
        int mask = d[2] <= 8 ? 0xFF : 0xFFFF;
        int[] table = new int[entries];
        for (int i = 0; i < entries; i++) {
            int a = data[2 * i] & 0xFF, b = data[2 * i + 1] & 0xFF;
            table[i] = (h.bigEndian ? a << 8 | b : b << 8 | a) & mask;
        }
        return new ModalityLut(1.0, 0.0, table, first);
    }

    boolean identity() { return table == null && slope == 1.0 && intercept == 0.0; }

    boolean linear() { return table == null; }

    double slope() { return slope; }

    double intercept() { return intercept; }

    /** The modality value of a stored value; values outside the table take its first or last entry (C.11.1.1.1). */
    double apply(double stored) {
        if (table == null) return slope * stored + intercept;
        double i = stored - firstMapped;
        return table[i <= 0 ? 0 : i >= table.length - 1 ? table.length - 1 : (int) i];
    }

    /** The smallest and largest modality value of stored values in [lo, hi]: the span MONOCHROME1 is mirrored in. */
    double[] range(double lo, double hi) {
        if (table == null) {
            double a = apply(lo), b = apply(hi);
            return new double[] {Math.min(a, b), Math.max(a, b)};
        }
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        int from = (int) Math.max(0, Math.min(table.length - 1, lo - firstMapped));
        int to = (int) Math.max(0, Math.min(table.length - 1, hi - firstMapped));
        for (int i = from; i <= to; i++) {
            min = Math.min(min, table[i]);
            max = Math.max(max, table[i]);
        }
        return new double[] {min, max};
    }
}
