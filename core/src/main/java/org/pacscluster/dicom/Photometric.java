package org.pacscluster.dicom;

/** Photometric Interpretation (0028,0004): how stored samples become grey levels or colours. */
enum Photometric {
    MONOCHROME1(1), MONOCHROME2(1), PALETTE_COLOR(1), RGB(3), YBR_FULL(3), YBR_FULL_422(3), YBR_PARTIAL_422(3),
    YBR_PARTIAL_420(3), YBR_ICT(3), YBR_RCT(3);

    final int samples;

    Photometric(int samples) { this.samples = samples; }

    /** The enum for a DICOM defined term ("PALETTE COLOR" has a space), or null. */
    static Photometric of(String term) {
        String t = term.trim().replace(' ', '_');
        for (Photometric p : values()) if (p.name().equals(t)) return p;
        return null;
    }

    boolean monochrome() { return this == MONOCHROME1 || this == MONOCHROME2; }

    boolean ybr() { return samples == 3 && this != RGB; }

    String term() { return this == PALETTE_COLOR ? "PALETTE COLOR" : name(); }
}
