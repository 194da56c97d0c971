package org.pacscluster.source;

/** A source entry that cannot become a dataset image; its reason goes to rejected.csv and the run goes on. */
public class RejectedImageException extends Exception {
    public RejectedImageException(String reason) { super(reason); }
    public RejectedImageException(String reason, Throwable cause) { super(reason, cause); }

    public String reason() { return getMessage(); }
}
