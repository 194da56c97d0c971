package org.pacscluster.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Maps DICOM Specific Character Set defined terms (0008,0005) to Java charsets for text values. The first term with
 * a known mapping wins (with code extensions, the ISO 2022 decoders follow the escape sequences); unknown terms fall back to Latin-1, which
 * never fails and keeps ASCII intact.
 */
final class Charsets {
    private Charsets() {}

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("ISO_IR 100", "ISO-8859-1"), Map.entry("ISO 2022 IR 100", "ISO-8859-1"),
            Map.entry("ISO_IR 101", "ISO-8859-2"), Map.entry("ISO 2022 IR 101", "ISO-8859-2"),
            Map.entry("ISO_IR 109", "ISO-8859-3"), Map.entry("ISO 2022 IR 109", "ISO-8859-3"),
            Map.entry("ISO_IR 110", "ISO-8859-4"), Map.entry("ISO 2022 IR 110", "ISO-8859-4"),
            Map.entry("ISO_IR 144", "ISO-8859-5"), Map.entry("ISO 2022 IR 144", "ISO-8859-5"),
            Map.entry("ISO_IR 127", "ISO-8859-6"), Map.entry("ISO 2022 IR 127", "ISO-8859-6"),
            Map.entry("ISO_IR 126", "ISO-8859-7"), Map.entry("ISO 2022 IR 126", "ISO-8859-7"),
            Map.entry("ISO_IR 138", "ISO-8859-8"), Map.entry("ISO 2022 IR 138", "ISO-8859-8"),
            Map.entry("ISO_IR 148", "ISO-8859-9"), Map.entry("ISO 2022 IR 148", "ISO-8859-9"),
            Map.entry("ISO_IR 203", "ISO-8859-15"), Map.entry("ISO 2022 IR 203", "ISO-8859-15"),
            Map.entry("ISO_IR 166", "TIS-620"), Map.entry("ISO 2022 IR 166", "TIS-620"),
            Map.entry("ISO_IR 13", "Shift_JIS"), Map.entry("ISO 2022 IR 13", "Shift_JIS"),
            Map.entry("ISO 2022 IR 87", "ISO-2022-JP"), Map.entry("ISO 2022 IR 149", "ISO-2022-KR"),
            Map.entry("ISO 2022 IR 58", "ISO-2022-CN"), Map.entry("ISO_IR 192", "UTF-8"),
            Map.entry("GB18030", "GB18030"), Map.entry("GBK", "GBK"));

    static Charset forDicom(String specificCharacterSet) {
        String name = null;
        for (String term : specificCharacterSet.split("\\\\", -1)) {
            name = NAMES.get(term.trim());
            if (name != null) break;
        }
        if (name == null) return StandardCharsets.ISO_8859_1;
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }
}
