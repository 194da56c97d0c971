package org.pacscluster.dicom;

/**
 * The label of an image whose tag is missing. {@link #UNKNOWN} is the one spelling used everywhere: labels derived
 * from DICOM tags ({@link LabelDeriver}, {@link RegionVocabulary}), label CSVs, datasets, reports (grey in every
 * plot) and the tag audit (a missing tag). A missing tag never becomes an empty label, so no image is dropped for
 * lack of one.
 */
public final class MissingLabel {
    /** The label of a missing tag. */
    public static final String UNKNOWN = "UNKNOWN";

    private MissingLabel() {}

    /** Whether {@code label} says nothing: null, blank, or {@link #UNKNOWN} in any case. */
    public static boolean isMissing(String label) {
        return label == null || label.isBlank() || label.equalsIgnoreCase(UNKNOWN);
    }

    /** {@code label}, or {@link #UNKNOWN} when it is null or blank. */
    public static String orUnknown(String label) {
        return label == null || label.isBlank() ? UNKNOWN : label;
    }
}
