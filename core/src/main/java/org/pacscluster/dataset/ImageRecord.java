package org.pacscluster.dataset;

/**
 * One image of a dataset: where it came from and its labels. {@code row} is its position in the pixel cache.
 * The raw tags (body part, descriptions) are kept so that audits can show what the archive said.
 */
public record ImageRecord(int row, String id, String source, String modality, String region, Split split,
                          String bodyPartExamined, String studyDescription, String seriesDescription) {

    public String label(LabelKind kind) {
        return kind == LabelKind.MODALITY ? modality : region;
    }
}
