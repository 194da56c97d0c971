package org.pacscluster.dicom;

/**
 * What the parser found before the pixel data: the kept tags, the image pixel module, and where the pixel data
 * is. Filled by {@link HeaderParser}; {@link #defect} is set when the data set is damaged (the tags found until
 * then stay usable, so {@code inspect} can still show them).
 */
final class DicomHeader {
    /** The tag of each element the parser keeps. */
    static final int SPECIFIC_CHARSET = 0x00080005, SOP_CLASS = 0x00080016, SOP_INSTANCE = 0x00080018,
            MODALITY = 0x00080060, STUDY_DESCRIPTION = 0x00081030, SERIES_DESCRIPTION = 0x0008103E,
            STUDY_INSTANCE = 0x0020000D, SERIES_INSTANCE = 0x0020000E,
            BODY_PART = 0x00180015, SAMPLES = 0x00280002, PHOTOMETRIC = 0x00280004, PLANAR = 0x00280006,
            FRAMES = 0x00280008, ROWS = 0x00280010, COLUMNS = 0x00280011, BITS_ALLOCATED = 0x00280100,
            BITS_STORED = 0x00280101, HIGH_BIT = 0x00280102, PIXEL_REPRESENTATION = 0x00280103,
            RESCALE_INTERCEPT = 0x00281052, RESCALE_SLOPE = 0x00281053,
            RED_DESCRIPTOR = 0x00281101, GREEN_DESCRIPTOR = 0x00281102, BLUE_DESCRIPTOR = 0x00281103,
            RED_DATA = 0x00281201, GREEN_DATA = 0x00281202, BLUE_DATA = 0x00281203,
            SEGMENTED_RED = 0x00281221, SEGMENTED_GREEN = 0x00281222, SEGMENTED_BLUE = 0x00281223,
            MODALITY_LUT_SEQUENCE = 0x00283000, LUT_DESCRIPTOR = 0x00283002, LUT_DATA = 0x00283006,
            EXTENDED_OFFSETS = 0x7FE00001, EXTENDED_LENGTHS = 0x7FE00002,
            FLOAT_PIXEL_DATA = 0x7FE00008, DOUBLE_PIXEL_DATA = 0x7FE00009, PIXEL_DATA = 0x7FE00010;

    String transferSyntaxUid = "";
    TransferSyntax syntax;
    /** The source the data set is read from: the file, or the inflated copy of a deflated one. */
    ByteSource source;
    boolean bigEndian;

    String sopClassUid = "";
    String sopInstanceUid = "";
    String studyInstanceUid = "";
    String seriesInstanceUid = "";
    String modality = "";
    String bodyPartExamined = "";
    String studyDescription = "";
    String seriesDescription = "";
    String photometric = "";
    String numberOfFrames = "";
    int rows = -1, columns = -1, samplesPerPixel = -1, bitsAllocated = -1, bitsStored = -1, highBit = -1;
    int pixelRepresentation = -1, planarConfiguration = -1;
    String rescaleSlope = "", rescaleIntercept = "";

    /** Palette LUT descriptors (entries, first mapped, bits) and raw data, in red, green, blue order. */
    final int[][] paletteDescriptor = new int[3][];
    final byte[][] paletteData = new byte[3][];
    /** Segmented palette LUT data (PS3.3 C.7.9.2), red, green, blue, when the tables are given that way. */
    final byte[][] segmentedPaletteData = new byte[3][];
    /**
     * The first item of the Modality LUT Sequence (0028,3000): LUT Descriptor (entries, first mapped value, bits),
     * whether its VR says the first mapped value is signed (SS), and the LUT Data words (both null when the
     * sequence is empty). {@code modalityLutSeen}: the sequence has been read (only the first one counts).
     */
    boolean modalityLutSeen;
    int[] modalityLutDescriptor;
    boolean modalityLutFirstSigned;
    byte[] modalityLutData;
    byte[] extendedOffsets;
    byte[] extendedLengths;

    /** Tag of the pixel data element found at the top level (0 when there is none). */
    int pixelTag;
    long pixelOffset = -1;
    /** Length of the pixel data value, or -1 when it is encapsulated (undefined length). */
    long pixelLength;

    String defect;

    boolean hasPixelData() { return pixelTag != 0; }

    DicomTags tags() {
        return new DicomTags(sopInstanceUid, modality, bodyPartExamined, studyDescription, seriesDescription,
                Math.max(rows, 0), Math.max(columns, 0), studyInstanceUid, seriesInstanceUid);
    }
}
