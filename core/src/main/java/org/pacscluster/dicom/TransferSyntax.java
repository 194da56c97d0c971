package org.pacscluster.dicom;

import java.util.Map;

/**
 * How a data set is encoded: VR explicit or implicit, byte order, deflate, and how the pixel data is compressed.
 * Only the syntaxes listed here are known; any other UID is rejected with its UID in the message.
 */
record TransferSyntax(String uid, String name, boolean explicitVr, boolean bigEndian, boolean deflated, Codec codec) {

    /** The pixel codec a transfer syntax implies. */
    enum Codec { NATIVE, RLE, JPEG, JPEG_LOSSLESS, JPEG2000, JPEG_LS, UNSUPPORTED }

    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";

    private static final Map<String, TransferSyntax> KNOWN = Map.ofEntries(
            known(IMPLICIT_LE, "Implicit VR Little Endian", false, false, false, Codec.NATIVE),
            known(EXPLICIT_LE, "Explicit VR Little Endian", true, false, false, Codec.NATIVE),
            known(EXPLICIT_BE, "Explicit VR Big Endian", true, true, false, Codec.NATIVE),
            known("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, Codec.NATIVE),
            known("1.2.840.10008.1.2.5", "RLE Lossless", true, false, false, Codec.RLE),
            known("1.2.840.10008.1.2.4.50", "JPEG Baseline", true, false, false, Codec.JPEG),
            known("1.2.840.10008.1.2.4.51", "JPEG Extended", true, false, false, Codec.JPEG),
            known("1.2.840.10008.1.2.4.57", "JPEG Lossless", true, false, false, Codec.JPEG_LOSSLESS),
            known("1.2.840.10008.1.2.4.70", "JPEG Lossless SV1", true, false, false,
                    Codec.JPEG_LOSSLESS),
            known("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", true, false, false, Codec.JPEG_LS),
            known("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless", true, false, false, Codec.JPEG_LS),
            known("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless", true, false, false, Codec.JPEG2000),
            known("1.2.840.10008.1.2.4.91", "JPEG 2000", true, false, false, Codec.JPEG2000),
            known("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Lossless", true, false, false, Codec.JPEG2000),
            known("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component", true, false, false, Codec.JPEG2000),
            known("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Lossless", true, false, false, Codec.UNSUPPORTED),
            known("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 RPCL Lossless", true, false, false, Codec.UNSUPPORTED),
            known("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000", true, false, false, Codec.UNSUPPORTED),
            known("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile", true, false, false, Codec.UNSUPPORTED),
            known("1.2.840.10008.1.2.4.101", "MPEG2 High Profile", true, false, false, Codec.UNSUPPORTED),
            known("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264", true, false, false, Codec.UNSUPPORTED),
            known("1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD", true, false, false, Codec.UNSUPPORTED),
            known("1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 2D video", true, false, false, Codec.UNSUPPORTED),
            known("1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 3D video", true, false, false, Codec.UNSUPPORTED),
            known("1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 stereo", true, false, false, Codec.UNSUPPORTED),
            known("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main", true, false, false, Codec.UNSUPPORTED),
            known("1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10", true, false, false, Codec.UNSUPPORTED),
            known("1.2.840.10008.1.2.4.94", "JPIP Referenced", true, false, false, Codec.UNSUPPORTED),
            known("1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate", true, false, true, Codec.UNSUPPORTED));

    private static Map.Entry<String, TransferSyntax> known(String uid, String name, boolean explicit, boolean big,
                                                           boolean deflated, Codec codec) {
        return Map.entry(uid, new TransferSyntax(uid, name, explicit, big, deflated, codec));
    }

    /** The syntax for a UID, or null when the UID is not one we know. */
    static TransferSyntax of(String uid) { return KNOWN.get(uid); }

    static TransferSyntax implicitLittle() { return KNOWN.get(IMPLICIT_LE); }

    static TransferSyntax explicitLittle() { return KNOWN.get(EXPLICIT_LE); }

    static TransferSyntax explicitBig() { return KNOWN.get(EXPLICIT_BE); }

    boolean encapsulated() { return codec != Codec.NATIVE; }

    @Override
    public String toString() { return name + " " + uid; }
}
