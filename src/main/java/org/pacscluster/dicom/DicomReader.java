package org.pacscluster.dicom;

import java.nio.file.Path;

/** Entry point for reading DICOM Part-10 files (or bare data sets) from disk or memory. */
public final class DicomReader {
    private DicomReader() {}

    public static DicomImage read(Path file) throws DicomRejectedException {
        throw new UnsupportedOperationException("DICOM reader not written yet");
    }

    /** Reads from bytes already in memory (e.g. a WADO-RS part); {@code name} is only used in messages. */
    public static DicomImage read(byte[] bytes, String name) throws DicomRejectedException {
        throw new UnsupportedOperationException("DICOM reader not written yet");
    }
}
