package org.pacscluster.pacs;

import java.io.IOException;
import org.pacscluster.io.Secrets;

/**
 * A PACS request that failed for good (after any retries): an HTTP error answer, or a server that stayed unreachable.
 * The message is one readable line naming the URL, never credentials: it passes through {@link Secrets#redact}
 * before it is stored, whoever built it. An ingest stops on it, rather than
 * marking images as rejected, so that a re-run fetches them once the PACS is back.
 */
public class PacsException extends IOException {
    private final int status;

    public PacsException(String message, int status) {
        super(Secrets.redact(message));
        this.status = status;
    }

    public PacsException(String message, Throwable cause) { this(message, -1, cause); }

    public PacsException(String message, int status, Throwable cause) {
        super(Secrets.redact(message), cause);
        this.status = status;
    }

    /** The HTTP status of the final answer, or -1 when no answer came (connection refused, reset, timeout). */
    public int status() { return status; }
}
