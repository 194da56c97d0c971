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
}
