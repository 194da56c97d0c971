package org.pacscluster.io;

/**
 * An output that may not be written as asked: it is an input, lies inside one, is in use by another process, or
 * holds something this run would replace or mix with. The message says which path and why; {@link #overwritable()}
 * tells a front end whether asking to overwrite would let the run go on (the CLI then names its own option, the
 * library never names a flag).
 */
public class OutputConflictException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final boolean overwritable;

    public OutputConflictException(String message, boolean overwritable) {
        super(message);
        this.overwritable = overwritable;
    }

    /** True when the same run with overwriting allowed would replace the output instead of failing. */
    public boolean overwritable() { return overwritable; }
}
