package org.pacscluster.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.pacscluster.dicom.MissingLabel;
import org.pacscluster.io.Csv;

/**
 * Labels of an image collection from a CSV: a file column ({@code file}, {@code path} or {@code filename}, relative
 * to the folder or ZIP root) and {@code modality} and {@code region} columns; an optional {@code id} column.
 *
 * <p>Nothing is lost silently. A short or long row, a file listed twice with other labels, a row without a file
 * name, bytes that are not UTF-8 (then read as Latin-1), images the table does not cover (they keep UNKNOWN labels)
 * and rows that name no image are each a warning naming the file and line, counted, when the table is lenient (the
 * default) — or an error at the first one when it is strict. An unterminated quote is always an error.
 */
public final class LabelTable {
    public record Labels(String id, String modality, String region) {}

    /** Warnings shown one by one before the rest are only counted. */
    private static final int SHOWN = 20;

    private final String file;
    private final Map<String, Labels> byFile;
    private final Map<String, Integer> lineOf;
    private final boolean strict;
    private final Consumer<String> sink;
    private int warnings;

    private LabelTable(String file, Map<String, Labels> byFile, Map<String, Integer> lineOf, boolean strict,
                       Consumer<String> sink) {
        this.file = file;
        this.byFile = byFile;
        this.lineOf = lineOf;
        this.strict = strict;
        this.sink = sink;
    }

    public static LabelTable empty() { return new LabelTable("", Map.of(), Map.of(), false, m -> { }); }

    /** Reads leniently, warnings to stderr. */
    public static LabelTable read(Path csv) throws IOException { return read(csv, false, LabelTable::toStderr); }

    /**
     * @param strict   every problem is an {@link IllegalArgumentException} naming file and line
     * @param warnings where the warnings of a lenient table go (one message each, then a count)
     */
    public static LabelTable read(Path csv, boolean strict, Consumer<String> warnings) throws IOException {
        LabelTable lt = new LabelTable(csv.toString(), new HashMap<>(), new HashMap<>(), strict, warnings);
        Csv.Table t = Csv.read(csv, strict ? null : lt::warn);
        int file = -1;
        for (String c : List.of("file", "path", "filename")) if (file < 0) file = t.column(c);
        if (file < 0) throw new IllegalArgumentException(csv + " needs a 'file' column naming each image (columns: "
                + String.join(",", t.header()) + ")");
        int mod = t.requireColumn("modality", csv.toString()), reg = t.requireColumn("region", csv.toString()), id = t.column("id");
        for (int i = 0; i < t.rows().size(); i++) {
            List<String> r = t.rows().get(i);
            int line = t.line(i);
            String f = normalise(r.get(file));
            if (f.isEmpty()) {
                lt.problem(csv + " line " + line + " names no file; row left out");
                continue;
            }
            String ident = id >= 0 && !r.get(id).isBlank() ? r.get(id) : f;
            Labels l = new Labels(ident, orUnknown(r.get(mod)), orUnknown(r.get(reg)));
            Labels before = lt.byFile.putIfAbsent(f, l);
            if (before == null) {
                lt.lineOf.put(f, line);
            } else if (!before.equals(l)) {
                lt.problem(csv + " line " + line + " lists " + f + " again with other labels (" + l.modality() + "/"
                        + l.region() + "; line " + lt.lineOf.get(f) + " says " + before.modality() + "/" + before.region()
                        + "); the first row is kept");
            }
        }
        if (lt.byFile.isEmpty()) throw new IllegalArgumentException(csv + " has no label rows");
        return lt;
    }

    /**
     * Compares the table with the images of a source: images without a row (they keep UNKNOWN labels) and rows that
     * name no image are a warning, or an error when strict. Does nothing for an empty table (no labels given).
     */
    public void checkCoverage(Iterator<String> imageKeys, String sourceName) {
        if (byFile.isEmpty()) return;
        int images = 0;
        List<String> unlabelled = new ArrayList<>();
        int missing = 0;
        java.util.Set<String> used = new java.util.HashSet<>();
        while (imageKeys.hasNext()) {
            String k = normalise(imageKeys.next());
            images++;
            if (byFile.containsKey(k)) used.add(k);
            else if (missing++ < 3) unlabelled.add(k);
        }
        if (missing > 0) {
            problem(file + " has no row for " + missing + " of " + images + " images in " + sourceName
                    + " (they keep UNKNOWN labels; first: " + String.join(", ", unlabelled) + ")");
        }
        List<String> unknownRows = new ArrayList<>();
        int stray = 0;
        for (String f : byFile.keySet()) {
            if (!used.contains(f) && stray++ < 3) unknownRows.add(f + " (line " + lineOf.get(f) + ")");
        }
        if (stray > 0) {
            problem(file + ": " + stray + " row" + (stray == 1 ? " names an image" : "s name images") + " not in "
                    + sourceName + " (first: " + String.join(", ", unknownRows) + ")");
        }
        summary();
    }

    /** The labels of {@code relativePath}, or UNKNOWN labels with the path as id. */
    public Labels lookup(String relativePath) {
        String f = normalise(relativePath);
        Labels l = byFile.get(f);
        return l != null ? l : new Labels(f, MissingLabel.UNKNOWN, MissingLabel.UNKNOWN);
    }

    public int size() { return byFile.size(); }

    /** Warnings given so far (0 for a strict table, which throws instead). */
    public int warnings() { return warnings; }

    private void problem(String message) {
        if (strict) throw new IllegalArgumentException(message);
        warn(message);
    }

    private void warn(String message) {
        warnings++;
        if (warnings <= SHOWN) sink.accept(message);
    }

    /** The count of all warnings, once the table has been checked against its source. */
    private void summary() {
        if (warnings > 0) {
            sink.accept(file + ": " + warnings + " warning" + (warnings == 1 ? "" : "s")
                    + (warnings > SHOWN ? " (" + (warnings - SHOWN) + " not shown)" : "")
                    + "; the strict mode makes each one an error");
        }
    }

    private static void toStderr(String message) {
        System.err.println("warning: " + org.pacscluster.io.SafeText.forTerminal(message));
    }

    /** Lenient or strict, warnings to stderr. */
    public static LabelTable read(Path csv, boolean strict) throws IOException {
        return read(csv, strict, LabelTable::toStderr);
    }

    private static String normalise(String p) {
        String s = p.trim().replace('\\', '/');
        return s.startsWith("./") ? s.substring(2) : s;
    }

    private static String orUnknown(String s) { return MissingLabel.orUnknown(s).trim(); }
}
