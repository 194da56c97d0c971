package org.pacscluster.source;

/**
 * One decoded source image before preprocessing: identity, labels, raw tags and grey-level pixels (any range;
 * rescale and MONOCHROME1 inversion already applied). The image is rows×columns; {@code pixels} holds it at full
 * resolution, or when the decoder halved it {@code halvings} times (JPEG 2000 for a small target), the halved grid
 * of ⌈rows/2^h⌉ × ⌈columns/2^h⌉ values.
 */
public record LoadedImage(String id, String source, String modality, String region,
                          String bodyPartExamined, String studyDescription, String seriesDescription,
                          float[] pixels, int rows, int columns, int halvings) {
    public LoadedImage {
        if (halvings < 0 || halvings > 30) throw new IllegalArgumentException("halvings " + halvings + " outside 0..30");
        long gridRows = (rows + (1L << halvings) - 1) >> halvings, gridColumns = (columns + (1L << halvings) - 1) >> halvings;
        if (pixels.length != gridRows * gridColumns) {
            throw new IllegalArgumentException("pixel count " + pixels.length + " != " + gridRows + "x" + gridColumns
                    + (halvings == 0 ? "" : " (" + rows + "x" + columns + " halved " + halvings + " times)"));
        }
    }

    /** An image at full resolution. */
    public LoadedImage(String id, String source, String modality, String region, String bodyPartExamined,
                       String studyDescription, String seriesDescription, float[] pixels, int rows, int columns) {
        this(id, source, modality, region, bodyPartExamined, studyDescription, seriesDescription, pixels, rows, columns, 0);
    }
}
