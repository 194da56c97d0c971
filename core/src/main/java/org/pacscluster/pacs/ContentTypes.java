package org.pacscluster.pacs;

import java.util.Locale;

/** Parsing of HTTP Content-Type values: the media type and its parameters (quoted strings included). */
final class ContentTypes {
    private ContentTypes() {}

    /** The media type in lower case, without parameters ("multipart/related"). */
    static String mediaType(String contentType) {
        if (contentType == null) return "";
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** The value of parameter {@code name} (case-insensitive), unquoted; null when absent. */
    static String parameter(String contentType, String name) {
        if (contentType == null) return null;
        int i = contentType.indexOf(';');
        int n = contentType.length();
        while (i >= 0 && i < n) {
            i++; // past ';'
            while (i < n && Character.isWhitespace(contentType.charAt(i))) i++;
            int eq = contentType.indexOf('=', i);
            if (eq < 0) return null;
            String key = contentType.substring(i, eq).trim();
            i = eq + 1;
            while (i < n && Character.isWhitespace(contentType.charAt(i))) i++;
            StringBuilder value = new StringBuilder();
            if (i < n && contentType.charAt(i) == '"') {
                i++;
                while (i < n && contentType.charAt(i) != '"') {
                    char c = contentType.charAt(i++);
                    if (c == '\\' && i < n) c = contentType.charAt(i++);
                    value.append(c);
                }
                i++; // closing quote
                int semi = contentType.indexOf(';', Math.min(i, n));
                i = semi < 0 ? n : semi;
            } else {
                int semi = contentType.indexOf(';', i);
                int end = semi < 0 ? n : semi;
                value.append(contentType, i, end);
                i = end;
            }
            if (key.equalsIgnoreCase(name)) return value.toString().trim();
        }
        return null;
    }
}
