package org.pacscluster.io;

import java.io.IOException;

/**
 * An input larger than a {@link ReadLimits} limit allows. Never transient: retrying fetches the same bytes, so a PACS
 * client does not retry it, and a batch rejects that one input with this message and goes on.
 */
public class LimitExceededException extends IOException {
    private final String limit;

    public LimitExceededException(String message, String limit) {
        super(message);
        this.limit = limit;
    }

    /** The limit hit, as {@link ReadLimits} names it ({@code max-file-size}, ...). */
    public String limit() { return limit; }
}
