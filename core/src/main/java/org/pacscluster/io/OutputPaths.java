package org.pacscluster.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The rules every output path obeys, in one place: an output is never an input, never inside one, and (a folder)
 * never holds one; an existing output file is replaced only when the caller allows overwriting. Paths are
 * compared after resolving symbolic links, so a link cannot smuggle an output into an input.
 */
public final class OutputPaths {
    private OutputPaths() {}

    /**
     * An input of the run that outputs must stay away from.
     *
     * @param what words for the message ("the dataset", "the model", "the source")
     * @param path its location
     */
    public record Input(String what, Path path) {}

    /** An input, or null when {@code path} is null (an optional option that was not given). */
    public static Input input(String what, Path path) { return path == null ? null : new Input(what, path); }

    /**
     * Refuses an output that is one of {@code inputs} or lies inside one; for a folder output also one that holds
     * an input (overwriting the folder would delete it). Null inputs are skipped.
     */
    public static void requireApart(Path out, boolean folder, List<Input> inputs) throws IOException {
        Path o = canonical(out);
        for (Input in : inputs) {
            if (in == null) continue;
            Path i = canonical(in.path());
            if (o.equals(i)) {
                throw new OutputConflictException("output " + out + " is " + in.what() + " " + in.path()
                        + " (an input); write the output somewhere else", false);
            }
            if (o.startsWith(i)) {
                throw new OutputConflictException("output " + out + " lies inside " + in.what() + " " + in.path()
                        + " (an input); write the output somewhere else", false);
            }
            if (folder && i.startsWith(o)) {
                throw new OutputConflictException("output folder " + out + " holds " + in.what() + " " + in.path()
                        + " (an input); write the output somewhere else", false);
            }
        }
    }

    /**
     * The checks of a single output file: not a folder, apart from the inputs, and not an existing file unless
     * {@code overwrite}.
     */
    public static void requireFile(Path out, boolean overwrite, List<Input> inputs) throws IOException {
        if (Files.isDirectory(out)) {
            throw new OutputConflictException("output " + out + " is a folder; give a file name", false);
        }
        requireApart(out, false, inputs);
        if (Files.exists(out) && !overwrite) {
            throw new OutputConflictException("output " + out + " already exists", true);
        }
    }

    /** Absolute, normalised, with the symbolic links of its existing part resolved. */
    static Path canonical(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return abs;
        return existing.toRealPath().resolve(existing.relativize(abs));
    }
}
