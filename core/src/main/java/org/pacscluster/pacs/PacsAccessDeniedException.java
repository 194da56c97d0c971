package org.pacscluster.pacs;

/** The PACS answered 401 or 403: the credentials are wrong, missing or not allowed to read. Never retried. */
public final class PacsAccessDeniedException extends PacsException {
    public PacsAccessDeniedException(String message, int status) { super(message, status); }
}
