package org.pacscluster.dicom.openjpeg;

import java.io.IOException;

/** OpenJPEG refused a codestream, or is not installed; the message is one line, OpenJPEG's own words where it gave any. */
public final class OpenJpegException extends IOException {
    public OpenJpegException(String message) {
        super(message);
    }
}
