package org.pacscluster.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.pacscluster.SharedData;
import org.pacscluster.io.Csv;

/** Builds small real test collections from the shared MedNIST ZIP: the first {@code perClass} images of each class. */
public final class MedNistSubset {
    private MedNistSubset() {}

    /** Entry names taken, in ZIP order. */
    public static List<String> entries(int perClass) throws IOException {
        List<String> out = new ArrayList<>();
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        try (ZipFile z = new ZipFile(SharedData.mednistZip().toFile())) {
            z.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".jpeg")).forEach(n -> {
                String cls = n.substring(0, n.indexOf('/'));
                if (seen.merge(cls, 1, Integer::sum) <= perClass) out.add(n);
            });
        }
        return out;
    }

    /** Writes {@code zip} with those entries (plus {@code extra} name→bytes) and the matching labels CSV. */
    public static void write(Path zip, Path labels, int perClass, java.util.Map<String, byte[]> extra) throws IOException {
        List<String> names = entries(perClass);
        try (ZipFile src = new ZipFile(SharedData.mednistZip().toFile());
             OutputStream os = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(os)) {
            for (String n : names) {
                out.putNextEntry(new ZipEntry(n));
                try (InputStream in = src.getInputStream(src.getEntry(n))) { in.transferTo(out); }
                out.closeEntry();
            }
            for (var e : extra.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        Csv.Table all = Csv.read(SharedData.mednistLabels());
        int f = all.column("file");
        java.util.Set<String> keep = new java.util.HashSet<>(names);
        StringBuilder sb = new StringBuilder(Csv.line(all.header())).append('\n');
        for (List<String> r : all.rows()) if (keep.contains(r.get(f))) sb.append(Csv.line(r)).append('\n');
        Files.writeString(labels, sb.toString());
    }
}
