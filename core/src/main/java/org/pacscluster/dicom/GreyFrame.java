package org.pacscluster.dicom;

/**
 * A decoded frame's grey levels ({@link DicomImage#frame(int, boolean)}'s values), rows×columns row-major, possibly
 * at a reduced resolution.
 *
 * @param halvings how many times each side of the stored frame was halved in decoding (0: full resolution)
 */
public record GreyFrame(float[] values, int rows, int columns, int halvings) {
    public GreyFrame {
        if ((long) rows * columns != values.length) {
            throw new IllegalArgumentException(values.length + " values for " + rows + "x" + columns);
        }
    }
}
