package org.pacscluster.dicom;

/** A parsed DICOM image: its kept tags and access to decoded frames. */
public interface DicomImage {
    DicomTags tags();

    String transferSyntaxUid();

    int frameCount();

    int rows();

    int columns();

    /**
     * Frame {@code index} (0-based) as rows×columns row-major values after the modality LUT (rescale slope and
     * intercept); colour and palette images become luminance; MONOCHROME1 is inverted when asked (ingest asks,
     * {@code inspect} does not, to compare with pydicom).
     */
    float[] frame(int index, boolean invertMonochrome1) throws DicomRejectedException;

    /**
     * Frame {@code index} as {@link #frame(int, boolean)} gives it, or smaller when it is wanted as a {@code size}×{@code
     * size} image and its codec can skip the detail cheaply (JPEG 2000 through OpenJPEG: {@link ReducedResolution}
     * says how far); {@code size} 0 asks for full resolution. The system property {@code pacscluster.j2k.reduce=off}
     * turns the reduction off.
     */
    default GreyFrame frame(int index, boolean invertMonochrome1, int size) throws DicomRejectedException {
        return new GreyFrame(frame(index, invertMonochrome1), rows(), columns(), 0);
    }
}
