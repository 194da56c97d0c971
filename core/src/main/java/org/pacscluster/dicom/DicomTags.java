package org.pacscluster.dicom;

/**
 * The tags pacscluster keeps from each DICOM file. Absent string tags are empty strings, never null.
 * Patient-identifying tags are deliberately not part of this record so they can never reach a log or a dataset.
 */
public record DicomTags(String sopInstanceUid, String modality, String bodyPartExamined,
                        String studyDescription, String seriesDescription, int rows, int columns,
                        String studyInstanceUid, String seriesInstanceUid) {
    public DicomTags {
        sopInstanceUid = nz(sopInstanceUid);
        studyInstanceUid = nz(studyInstanceUid);
        seriesInstanceUid = nz(seriesInstanceUid);
        modality = nz(modality);
        bodyPartExamined = nz(bodyPartExamined);
        studyDescription = nz(studyDescription);
        seriesDescription = nz(seriesDescription);
    }

    /** Tags without the study and series UIDs (empty). */
    public DicomTags(String sopInstanceUid, String modality, String bodyPartExamined, String studyDescription,
                     String seriesDescription, int rows, int columns) {
        this(sopInstanceUid, modality, bodyPartExamined, studyDescription, seriesDescription, rows, columns, "", "");
    }

    private static String nz(String s) { return s == null ? "" : s.trim(); }
}
