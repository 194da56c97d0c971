package org.pacscluster.io;

import java.nio.file.Path;

/**
 * The error for a file pacscluster wrote (or expects in its own format) that cannot be read back: a truncated
 * model.json or weights.ndlist, a damaged manifest. Library messages such as "Unexpected end-of-input" or
 * "Invalid NDList size" name neither the file nor what is wrong with it; this puts both in one line.
 */
public final class DamagedFile {
    private DamagedFile() {}

    public static IllegalArgumentException of(Path file, Throwable cause) {
        String m = cause instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : cause.getMessage();
        if (m == null || m.isBlank()) m = cause.getClass().getSimpleName();
        if (cause instanceof java.io.EOFException) m = "it ends early";
        return new IllegalArgumentException(file + " is damaged or truncated (" + m.lines().findFirst().orElse(m).strip()
                + ")", cause);
    }
}
