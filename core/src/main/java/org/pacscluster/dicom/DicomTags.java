package org.pacscluster.dicom;

/**
 * The tags pacscluster keeps from each DICOM file. Absent string tags are empty strings, never null.
 * Patient-identifying tags are deliberately not part of this record so they can never reach a log or a dataset.
 */
public record DicomTags(String sopInstanceUid, String modality, String bodyPartExamined,
                        String studyDescription, String seriesDescription, int rows, int columns) {
    public DicomTags {
        sopInstanceUid = nz(sopInstanceUid);
        modality = nz(modality);
        bodyPartExamined = nz(bodyPartExamined);
        studyDescription = nz(studyDescription);
        seriesDescription = nz(seriesDescription);
    }

    private static String nz(String s) { return s == null ? "" : s.trim(); }
}
