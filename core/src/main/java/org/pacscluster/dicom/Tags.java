package org.pacscluster.dicom;

/** Formatting of DICOM tags for messages. */
final class Tags {
    private Tags() {}

    /** "(gggg,eeee)" in upper-case hex, as DICOM documents write tags. */
    static String name(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }
}
