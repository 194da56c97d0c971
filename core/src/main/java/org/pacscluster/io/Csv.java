package org.pacscluster.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Minimal RFC 4180 CSV: quoted fields, doubled quotes, commas and newlines inside quotes. */
public final class Csv {
    private Csv() {}

    /** A parsed CSV file: the header and the rows, each row as many fields as it had. */
    public record Table(List<String> header, List<List<String>> rows) {
        public int column(String name) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).trim().equalsIgnoreCase(name)) return i;
            }
            return -1;
        }

        /** The index of a required column, or an error naming the file's columns. */
        public int requireColumn(String name, String fileName) {
            int c = column(name);
            if (c < 0) {
                throw new IllegalArgumentException(fileName + " has no column '" + name + "' (columns: "
                        + String.join(",", header) + ")");
            }
            return c;
        }

    }

    public static Table read(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<List<String>> all = readAll(r);
            if (all.isEmpty()) throw new IllegalArgumentException(file + " is empty (expected a header row)");
            return new Table(all.get(0), all.subList(1, all.size()));
        }
    }

    /** Reads every record; a trailing empty line is not a record. */
    public static List<List<String>> readAll(Reader in) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false, fieldStarted = false;
        int c;
        while ((c = in.read()) != -1) {
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    in.mark(1);
                    int next = in.read();
                    if (next == '"') field.append('"');
                    else { quoted = false; if (next != -1) in.reset(); }
                } else field.append(ch);
            } else if (ch == '"' && field.length() == 0) {
                quoted = true; fieldStarted = true;
            } else if (ch == ',') {
                row.add(field.toString()); field.setLength(0); fieldStarted = true;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r') { in.mark(1); if (in.read() != '\n') in.reset(); }
                if (fieldStarted || field.length() > 0 || !row.isEmpty()) {
                    row.add(field.toString()); rows.add(row);
                }
                row = new ArrayList<>(); field.setLength(0); fieldStarted = false;
            } else {
                field.append(ch); fieldStarted = true;
            }
        }
        if (fieldStarted || field.length() > 0 || !row.isEmpty()) { row.add(field.toString()); rows.add(row); }
        return rows;
    }

    /** One CSV line (no newline), quoting the fields that need it. */
    public static String line(Object... fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) sb.append(',');
            sb.append(escape(fields[i] == null ? "" : fields[i].toString()));
        }
        return sb.toString();
    }

    public static String line(List<?> fields) { return line(fields.toArray()); }

    public static String escape(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
