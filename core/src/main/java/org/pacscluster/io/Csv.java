package org.pacscluster.io;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * RFC 4180 CSV: quoted fields, doubled quotes, commas and newlines inside quotes; UTF-8, a byte-order mark allowed.
 *
 * <p>Reading is strict about what would otherwise lose data silently: an unterminated quote (the rest of the file
 * would become one field), a row whose field count differs from the header's, and bytes that are not UTF-8 are
 * errors naming the file and line — or, where the caller passes a warning sink (label CSVs without
 * {@code --labels-strict}), a warning naming file and line, the row left out or the file read as Latin-1.
 *
 * <p>Writing neutralises cells a spreadsheet would run as a formula (OWASP "CSV injection"): a text cell starting
 * with {@code = + - @}, tab or CR gets a leading apostrophe. The reader removes it again, so files pacscluster writes
 * read back unchanged; numbers ({@code -0.25}, {@code -1e-3}) are never touched.
 */
public final class Csv {
    private Csv() {}

    /** A parsed CSV file: the header, the rows (each as many fields as the header) and the line each row starts on. */
    public record Table(String file, List<String> header, List<List<String>> rows, List<Integer> lines) {
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

        /** The line of the file on which row {@code row} (0-based, header excluded) starts. */
        public int line(int row) { return lines.get(row); }
    }

    /** Reads a CSV file strictly: any damage is an {@link IllegalArgumentException} naming the file and line. */
    public static Table read(Path file) throws IOException { return read(file, null); }

    /**
     * Reads a CSV file. With {@code warnings} null, strict; otherwise a short or long row is reported there and
     * left out, and a file that is not UTF-8 is read as Latin-1 after a warning. An unterminated quote is an error
     * either way.
     */
    public static Table read(Path file, Consumer<String> warnings) throws IOException {
        if (Files.isDirectory(file)) throw new IllegalArgumentException(file + " is a folder, not a CSV file");
        if (Files.exists(file) && !Files.isRegularFile(file)) throw new IllegalArgumentException(file + " is not a regular file");
        ReadLimits.current().checkFileBytes(Files.size(file), file.toString());
        String text = decode(file, Files.readAllBytes(file), warnings);
        Parsed p = parse(new StringReader(text));
        if (p.openQuoteLine > 0) {
            throw new IllegalArgumentException(file + " line " + p.openQuoteLine + ": a quoted field starts here and is"
                    + " never closed (the rest of the file would be one field)");
        }
        if (p.rows.isEmpty()) throw new IllegalArgumentException(file + " is empty (expected a header row)");
        List<String> header = p.rows.get(0);
        List<List<String>> rows = new ArrayList<>(p.rows.size());
        List<Integer> lines = new ArrayList<>(p.rows.size());
        for (int i = 1; i < p.rows.size(); i++) {
            List<String> r = p.rows.get(i);
            if (r.size() != header.size()) {
                String problem = file + " line " + p.lines.get(i) + " has " + r.size() + " field" + (r.size() == 1 ? "" : "s")
                        + ", the header has " + header.size();
                if (warnings == null) throw new IllegalArgumentException(problem);
                warnings.accept(problem + "; row left out");
                continue;
            }
            rows.add(r);
            lines.add(p.lines.get(i));
        }
        return new Table(file.toString(), header, rows, lines);
    }

    private static String decode(Path file, byte[] bytes, Consumer<String> warnings) {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = utf8.decode(in, out, true);
        if (!r.isError()) r = utf8.flush(out);
        if (!r.isError()) return out.flip().toString();
        int bad = in.position();
        int line = 1;
        for (int i = 0; i < bad; i++) if (bytes[i] == '\n') line++;
        String where = file + " line " + line;
        if (warnings == null) {
            throw new IllegalArgumentException(where + " is not UTF-8 text (byte 0x"
                    + Integer.toHexString(bytes[bad] & 0xFF).toUpperCase(java.util.Locale.ROOT) + "): save the file as UTF-8");
        }
        warnings.accept(where + ": not UTF-8 text; the file is read as Latin-1 (ISO-8859-1)");
        return new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1);
    }

    /** Reads every record of text pacscluster wrote itself; a trailing empty line is not a record. */
    public static List<List<String>> readAll(Reader in) throws IOException { return parse(in).rows; }

    private record Parsed(List<List<String>> rows, List<Integer> lines, int openQuoteLine) {}

    private static Parsed parse(Reader reader) throws IOException {
        Reader in = reader.markSupported() ? reader : new java.io.BufferedReader(reader);
        List<List<String>> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false, fieldStarted = false, wasQuoted = false;
        int line = 1, recordLine = 1, quoteLine = 0;
        int c;
        while ((c = in.read()) != -1) {
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    in.mark(1);
                    int next = in.read();
                    if (next == '"') field.append('"');
                    else { quoted = false; if (next != -1) in.reset(); }
                } else {
                    if (ch == '\n') line++;
                    field.append(ch);
                }
            } else if (ch == '"' && field.length() == 0) {
                quoted = true; fieldStarted = true; wasQuoted = true; quoteLine = line;
            } else if (ch == ',') {
                row.add(unguard(field.toString())); field.setLength(0); fieldStarted = true;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r') { in.mark(1); if (in.read() != '\n') in.reset(); }
                if (fieldStarted || field.length() > 0 || !row.isEmpty()) {
                    row.add(unguard(field.toString())); rows.add(row); lines.add(recordLine);
                }
                line++;
                recordLine = line;
                row = new ArrayList<>(); field.setLength(0); fieldStarted = false;
            } else {
                field.append(ch); fieldStarted = true;
            }
        }
        if (fieldStarted || field.length() > 0 || !row.isEmpty()) {
            row.add(unguard(field.toString())); rows.add(row); lines.add(recordLine);
        }
        return new Parsed(rows, lines, quoted && wasQuoted ? quoteLine : 0);
    }

    /** One CSV line (no newline), quoting the fields that need it and neutralising formula-like text. */
    public static String line(Object... fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) sb.append(',');
            Object f = fields[i];
            sb.append(f instanceof Number ? quote(f.toString()) : escape(f == null ? "" : f.toString()));
        }
        return sb.toString();
    }

    public static String line(List<?> fields) { return line(fields.toArray()); }

    /** A text cell: formula-like text guarded with an apostrophe, then quoted where needed. */
    public static String escape(String s) { return quote(guarded(s) ? "'" + s : s); }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(Infinity|NaN)");

    /**
     * Whether a cell needs (or, read back, carries) the apostrophe: after any leading apostrophes it starts like a
     * formula and is not a number. Adding an apostrophe keeps this true, so writing and reading are exact inverses.
     */
    private static boolean guarded(String s) {
        int k = 0;
        while (k < s.length() && s.charAt(k) == '\'') k++;
        if (k == s.length()) return false;
        char c = s.charAt(k);
        if (c != '=' && c != '+' && c != '-' && c != '@' && c != '\t' && c != '\r') return false;
        return !NUMBER.matcher(s.substring(k)).matches();
    }

    private static String unguard(String s) { return s.startsWith("'") && guarded(s) ? s.substring(1) : s; }
}
