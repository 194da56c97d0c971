package org.pacscluster.cli;

/**
 * A sub-command that lives in a module of its own (the benchmark, a distributed engine) and joins
 * {@code pacscluster} when its jar is on the class path, found through {@link java.util.ServiceLoader}: the CLI
 * names no such module, so the release can leave them out.
 */
public interface CommandPlugin {
    /** A new picocli command object (annotated with {@code @Command}). */
    Object command();
}
