package org.pacscluster.io;

/**
 * Text from an input (a label, a file name, a DICOM description) made safe for a terminal: control characters
 * (C0, DEL, C1 — ANSI escape sequences start with one) and bidirectional overrides, which can hide or reorder what
 * is shown, become visible {@code \xNN} / {@code \}{@code uNNNN} escapes. What a spreadsheet would run is handled
 * where CSV cells are written ({@link Csv#escape}).
 */
public final class SafeText {
    private SafeText() {}

    public static String forTerminal(String s) {
        if (s == null) return null;
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)
                    || (c >= 0x2066 && c <= 0x2069);
            if (bad && sb == null) sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            if (sb != null) {
                if (!bad) sb.append(c);
                else if (c <= 0xff) sb.append(String.format("\\x%02x", (int) c));
                else sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb == null ? s : sb.toString();
    }
}
