package org.pacscluster.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pacscluster.dicom.MissingLabel;
import org.pacscluster.io.Csv;

/**
 * Labels of an image collection from a CSV: a file column ({@code file}, {@code path} or {@code filename}, relative
 * to the folder or ZIP root) and {@code modality} and {@code region} columns; an optional {@code id} column.
 * Images missing from the table keep UNKNOWN labels (they are never dropped).
 */
public final class LabelTable {
    public record Labels(String id, String modality, String region) {}

    private final Map<String, Labels> byFile;

    private LabelTable(Map<String, Labels> byFile) { this.byFile = byFile; }

    public static LabelTable empty() { return new LabelTable(Map.of()); }

    public static LabelTable read(Path csv) throws IOException {
        Csv.Table t = Csv.read(csv);
        String name = csv.getFileName().toString();
        int file = -1;
        for (String c : List.of("file", "path", "filename")) if (file < 0) file = t.column(c);
        if (file < 0) throw new IllegalArgumentException(name + " needs a 'file' column naming each image");
        int mod = t.requireColumn("modality", name), reg = t.requireColumn("region", name), id = t.column("id");
        Map<String, Labels> m = new HashMap<>(t.rows().size() * 2);
        for (List<String> r : t.rows()) {
            if (r.size() <= Math.max(file, Math.max(mod, reg))) continue;
            String f = normalise(r.get(file));
            String ident = id >= 0 && id < r.size() && !r.get(id).isBlank() ? r.get(id) : f;
            m.put(f, new Labels(ident, orUnknown(r.get(mod)), orUnknown(r.get(reg))));
        }
        if (m.isEmpty()) throw new IllegalArgumentException(name + " has no label rows");
        return new LabelTable(m);
    }

    /** The labels of {@code relativePath}, or UNKNOWN labels with the path as id. */
    public Labels lookup(String relativePath) {
        String f = normalise(relativePath);
        Labels l = byFile.get(f);
        return l != null ? l : new Labels(f, MissingLabel.UNKNOWN, MissingLabel.UNKNOWN);
    }

    public int size() { return byFile.size(); }

    private static String normalise(String p) {
        String s = p.trim().replace('\\', '/');
        return s.startsWith("./") ? s.substring(2) : s;
    }

    private static String orUnknown(String s) { return MissingLabel.orUnknown(s).trim(); }
}
