package org.pacscluster.source;

/**
 * One decoded source image before preprocessing: identity, labels, raw tags and grey-level pixels (any range;
 * rescale and MONOCHROME1 inversion already applied).
 */
public record LoadedImage(String id, String source, String modality, String region,
                          String bodyPartExamined, String studyDescription, String seriesDescription,
                          float[] pixels, int rows, int columns) {
    public LoadedImage {
        if (pixels.length != rows * columns) {
            throw new IllegalArgumentException("pixel count " + pixels.length + " != " + rows + "x" + columns);
        }
    }
}
