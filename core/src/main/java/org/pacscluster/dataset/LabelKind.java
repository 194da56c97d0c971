package org.pacscluster.dataset;

/** The two label families the paper evaluates against. */
public enum LabelKind {
    /** MOD: the DICOM Modality tag (or the collection's modality column). */
    MODALITY("modality"),
    /** AR: anatomical region from BodyPartExamined or the descriptions (or the collection's region column). */
    REGION("region");

    private final String column;

    LabelKind(String column) { this.column = column; }

    /** The column name used in CSV files and reports. */
    public String column() { return column; }
}
