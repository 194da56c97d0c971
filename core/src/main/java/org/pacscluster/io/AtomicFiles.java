package org.pacscluster.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old content or the complete new content, never a half-written file:
 * the bytes go to a temporary sibling, which is then renamed over the target.
 *
 * <p>The temporary file's name carries the writer's pid ({@code .NAME.pid123.456.tmp}). A process killed between
 * writing and renaming leaves it behind; the next write of the same target removes the temporary files of
 * processes that no longer run, so a kill during finalisation leaves nothing stale for long.
 */
public final class AtomicFiles {
    private static final String TMP = ".tmp";
    private static final long SELF = ProcessHandle.current().pid();

    private AtomicFiles() {}

    /** Something that writes the whole content to a stream. */
    @FunctionalInterface
    public interface StreamBody { void writeTo(OutputStream out) throws IOException; }

    /** Something that writes the whole content as text. */
    @FunctionalInterface
    public interface TextBody { void writeTo(Writer out) throws IOException; }

    public static void write(Path target, StreamBody body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String prefix = "." + target.getFileName() + ".pid";
        removeStale(dir, prefix);
        Path tmp = Files.createTempFile(dir, prefix + SELF + ".", TMP);
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.writeTo(out);
            }
            readableByAll(tmp);
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void writeText(Path target, TextBody body) throws IOException {
        write(target, out -> {
            Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
            body.writeTo(w);
            w.flush();
        });
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether {@code name} is one of the temporary files this class writes (finished or left by a kill). */
    public static boolean isTemporary(String name) {
        return name.startsWith(".") && name.matches("\\..+\\.pid\\d{1,18}\\.\\d+\\.tmp");
    }

    /**
     * Deletes the temporary files that writers of the same target left when they were killed: those whose pid is
     * not a running process. (A live writer's file is kept, so two processes never break each other's writes.)
     */
    private static void removeStale(Path dir, String prefix) throws IOException {
        try (java.nio.file.DirectoryStream<Path> s = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(TMP);
        })) {
            for (Path p : s) {
                String rest = p.getFileName().toString().substring(prefix.length());
                if (!rest.matches("\\d{1,18}\\.\\d+\\.tmp")) continue;         // another target's, or not ours
                long pid = Long.parseLong(rest.substring(0, rest.indexOf('.')));
                if (pid != SELF && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) Files.deleteIfExists(p);
            }
        }
    }

    /** Temporary files are created private; the finished file gets the usual rw-r--r--. */
    private static void readableByAll(Path p) {
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: keep the default permissions
        }
    }

    /** Renames {@code from} over {@code to}, atomically where the file system allows it. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
