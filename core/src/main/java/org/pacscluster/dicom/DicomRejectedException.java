package org.pacscluster.dicom;

/** A file that cannot be used as an image, with a reason a user can act on (it goes to rejected.csv). */
public class DicomRejectedException extends Exception {
    public DicomRejectedException(String reason) { super(reason); }
    public DicomRejectedException(String reason, Throwable cause) { super(reason, cause); }

    public String reason() { return getMessage(); }
}
