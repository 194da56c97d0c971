package org.pacscluster.report;

import java.awt.Color;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.pacscluster.dicom.MissingLabel;

/**
 * The categorical colours of every plot: the first nine are matplotlib's tab10 (its grey left out), the rest were
 * picked greedily from an sRGB grid to be as far as possible (CIEDE2000) from those already chosen, within a
 * lightness range that reads on white; all 30 are at least ΔE₀₀ 16 apart. Labels get colours in their natural
 * sort order, so the same label set gets the same colours in every plot of a report; missing or UNKNOWN labels
 * are grey.
 */
public final class Palette {
    private static final int[] RGB = {
            0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0xbcbd22, 0x17becf,
            0x224422, 0x1100cc, 0xaabbff, 0x776600, 0x771155, 0x00ddaa, 0xffbbaa, 0x007777, 0xdd0077,
            0xbb9966, 0xff6677, 0x444477, 0xffbb11, 0x663300, 0x22aaff, 0x66dd11, 0xaa6622, 0x007744,
            0x771122, 0x99bb88, 0x4455ff};

    /** Colour of labels that say nothing: empty or UNKNOWN ({@link MissingLabel#isMissing}). */
    public static final Color UNKNOWN = new Color(0x9e9e9e);

    /** Orders labels naturally: numbers by value ("2" before "10"), then text. */
    public static final Comparator<String> NATURAL = (a, b) -> {
        boolean na = isInteger(a), nb = isInteger(b);
        if (na && nb) return Long.compare(Long.parseLong(a.trim()), Long.parseLong(b.trim()));
        if (na != nb) return na ? -1 : 1;
        return a.compareTo(b);
    };

    private Palette() {}

    public static int size() { return RGB.length; }

    /** Colour number {@code i}; beyond {@link #size()} the colours repeat. */
    public static Color color(int i) { return new Color(RGB[Math.floorMod(i, RGB.length)]); }

    /** A colour for every distinct label, in natural order of the labels (unknown ones grey, last). */
    public static Map<String, Color> forLabels(Collection<String> labels) {
        TreeSet<String> known = new TreeSet<>(NATURAL);
        boolean anyUnknown = false;
        for (String l : labels) {
            if (MissingLabel.isMissing(l)) anyUnknown = true; else known.add(l);
        }
        Map<String, Color> out = new LinkedHashMap<>();
        int i = 0;
        for (String l : known) out.put(l, color(i++));
        if (anyUnknown) {
            for (String l : labels) if (MissingLabel.isMissing(l)) out.putIfAbsent(l == null ? "" : l, UNKNOWN);
        }
        return out;
    }

    private static boolean isInteger(String s) {
        String t = s.trim();
        if (t.isEmpty() || t.length() > 18) return false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(Character.isDigit(c) || (i == 0 && c == '-' && t.length() > 1))) return false;
        }
        return true;
    }
}
