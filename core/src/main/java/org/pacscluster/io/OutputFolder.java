package org.pacscluster.io;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An output folder claimed by one run: every command that writes a folder (a dataset, a model, an experiment, a
 * sweep, the work folder of predict and audit) opens it through here, so the rules are the same everywhere.
 *
 * <ol>
 *   <li>The folder is not an input, inside one or holding one ({@link OutputPaths#requireApart}).</li>
 *   <li>It is locked for this process ({@link FolderLock}); a second writer is refused, naming the holder.</li>
 *   <li>Its {@link ResumeKey} ({@value #KEY_FILE}) must equal this run's: then the run continues the work there.
 *       A different key, a folder of another kind, a finished result that must not be replaced, a pacscluster
 *       folder without a key (an older version) or a non-empty folder pacscluster did not write are refused —
 *       unless the caller allows overwriting. Overwriting empties a pacscluster folder (sparing files that were
 *       there before pacscluster first wrote into it) and writes into a foreign folder without deleting anything
 *       of it.</li>
 * </ol>
 * Close it to release the lock.
 */
public final class OutputFolder implements AutoCloseable {
    /** The resume key, kept in the folder for the next run to compare with. */
    public static final String KEY_FILE = ".pacscluster-resume.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    /**
     * What kind of folder a run writes.
     *
     * @param key       this run's resume key (its kind names the folder kind in messages)
     * @param markers   files that show a folder of this kind written by a pacscluster without resume keys
     * @param finished  the file whose presence marks a finished result, or null
     * @param final_    true when a finished result is replaced only with overwriting (a model); false when a
     *                  re-run with the same key just finds it done (a dataset)
     * @param adopt     null, or whether a finished folder of this kind written without a resume key (by an older
     *                  pacscluster) agrees with this run as far as it can tell; such a folder is taken over as this
     *                  run's finished work (nothing is written into it but the key, so nothing can be mixed)
     */
    public record Kind(ResumeKey key, List<String> markers, String finished, boolean final_,
                       java.util.function.Predicate<Path> adopt) {
        public Kind(ResumeKey key, List<String> markers, String finished, boolean final_) {
            this(key, markers, finished, final_, null);
        }
    }

    /** Contents of {@value #KEY_FILE}: the key, and the names found in a foreign folder when it was claimed. */
    private record Stored(String kind, Map<String, String> values, List<String> foreign) {}

    private final Path dir;
    private final FolderLock lock;
    private final boolean resumed;
    private final boolean finished;

    private OutputFolder(Path dir, FolderLock lock, boolean resumed, boolean finished) {
        this.dir = dir;
        this.lock = lock;
        this.resumed = resumed;
        this.finished = finished;
    }

    /**
     * Claims {@code dir} for a run of {@code kind} by {@code task} ("ingest", "train", ...), creating it if need
     * be; throws {@link OutputConflictException} when one of the rules above refuses it.
     */
    public static OutputFolder claim(Path dir, Kind kind, List<OutputPaths.Input> inputs, boolean overwrite,
                                     String task) throws IOException {
        OutputPaths.requireApart(dir, true, inputs);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new OutputConflictException("output " + dir + " is a file, not a folder", false);
        }
        FolderLock lock = FolderLock.acquire(dir, task);
        try {
            String what = kind.key().kind();
            Stored stored = readKey(dir);
            List<String> entries = entries(dir);
            List<String> spare = List.of();
            boolean fresh;
            if (stored == null) {
                boolean ours = kind.markers().stream().anyMatch(m -> Files.exists(dir.resolve(m)));
                boolean done = kind.finished() != null && Files.exists(dir.resolve(kind.finished()));
                if (entries.isEmpty()) {
                    fresh = true;
                } else if (ours && done && !kind.final_() && !overwrite && kind.adopt() != null
                        && kind.adopt().test(dir)) {
                    writeKey(dir, kind, List.of());
                    return new OutputFolder(dir, lock, true, true);
                } else if (ours) {
                    if (!overwrite) {
                        throw new OutputConflictException(dir + " holds " + a(what) + " written without a resume key"
                                + " (by an older pacscluster), so this run cannot tell whether it continues the same"
                                + " work", true);
                    }
                    clear(dir, List.of());
                    fresh = true;
                } else {
                    if (!overwrite) {
                        throw new OutputConflictException(dir + " is not empty and was not written by pacscluster",
                                true);
                    }
                    spare = entries;            // write beside the user's files, and never delete them later
                    fresh = true;
                }
            } else {
                spare = stored.foreign() == null ? List.of() : stored.foreign();
                ResumeKey earlier = ResumeKey.of(stored.kind(), stored.values());
                boolean done = kind.finished() != null && Files.exists(dir.resolve(kind.finished()));
                String problem = null;
                if (!earlier.kind().equals(what)) {
                    problem = dir + " holds " + a(earlier.kind()) + ", not " + a(what);
                } else if (!earlier.equals(kind.key())) {
                    problem = dir + " holds " + a(what) + " made from other inputs or settings ("
                            + kind.key().differencesFrom(earlier) + ")";
                } else if (done && kind.final_()) {
                    problem = dir + " already holds a finished " + what;
                }
                if (problem == null) return new OutputFolder(dir, lock, true, done);
                if (!overwrite) throw new OutputConflictException(problem, true);
                clear(dir, spare);
                fresh = true;
            }
            if (fresh) writeKey(dir, kind, spare);
            return new OutputFolder(dir, lock, false, false);
        } catch (IOException | RuntimeException | Error e) {
            lock.close();
            throw e;
        }
    }

    private static void writeKey(Path dir, Kind kind, List<String> spare) throws IOException {
        AtomicFiles.writeString(dir.resolve(KEY_FILE), JSON.writeValueAsString(
                new Stored(kind.key().kind(), kind.key().values(), spare.isEmpty() ? null : spare)) + "\n");
    }

    private static Stored readKey(Path dir) throws IOException {
        Path f = dir.resolve(KEY_FILE);
        if (!Files.isRegularFile(f)) return null;
        try {
            Stored s = JSON.readValue(f.toFile(), new TypeReference<Stored>() {});
            if (s.kind() == null || s.values() == null) throw new IOException("incomplete");
            return new Stored(s.kind(), new LinkedHashMap<>(s.values()), s.foreign());
        } catch (IOException e) {
            throw new OutputConflictException(f + " is damaged (" + e.getMessage().lines().findFirst().orElse("")
                    + "); this run cannot tell what the folder holds", true);
        }
    }

    /** "a dataset", "an experiment". */
    private static String a(String kind) { return ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind; }

    /**
     * The names in {@code dir} other than pacscluster's own bookkeeping files and the temporary files of its atomic
     * writes (a kill while the resume key was written leaves one; the folder is still ours and empty).
     */
    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> !FolderLock.isBookkeeping(n) && !AtomicFiles.isTemporary(n)).sorted().toList();
        }
    }

    /** Deletes everything in {@code dir} except the lock file and the {@code spare} names. */
    private static void clear(Path dir, List<String> spare) throws IOException {
        List<Path> doomed = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> !p.getFileName().toString().equals(FolderLock.FILE) && !spare.contains(p.getFileName().toString()))
                    .forEach(doomed::add);
        }
        for (Path p : doomed) {
            if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> tree = Files.walk(p)) {
                    for (Path q : tree.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
                }
            } else {
                Files.delete(p);
            }
        }
    }

    public Path dir() { return dir; }

    /** True when the folder already held this run's work (same key): the run continues it. */
    public boolean resumed() { return resumed; }

    /** True when the folder already holds the finished result of this same run. */
    public boolean finished() { return finished; }

    @Override
    public void close() throws IOException { lock.close(); }
}
