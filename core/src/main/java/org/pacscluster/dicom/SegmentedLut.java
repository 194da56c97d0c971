package org.pacscluster.dicom;

import java.util.Arrays;

/**
 * Expands segmented palette colour lookup table data (PS3.3 C.7.9.2) into a plain table, exactly as pydicom's
 * {@code _expand_segmented_lut} does (the reference): a sequence of segments, each an opcode and a length, then
 * <ul>
 *   <li>discrete (0): {@code length} entries as given;</li>
 *   <li>linear (1): {@code length} entries from the previous entry to the given end value, numpy's
 *       {@code around(linspace(y0 + step, y1, length))} (rounding half to even);</li>
 *   <li>indirect (2): {@code length} segments found again at an offset into the data, counted in entries (as
 *       pydicom and GDCM count it), expanded as if they stood here.</li>
 * </ul>
 * With 8-bit entries every opcode, length and value is one byte (an indirect offset four); with 16-bit entries one
 * word. Hostile data cannot loop or grow without bound: indirect segments may not nest and a table has at most
 * 65536 entries (the most a descriptor can announce).
 */
final class SegmentedLut {
    private static final int MAX_ENTRIES = 65536;

    private final int[] data;
    private final boolean bigEndian;
    private int[] out = new int[256];
    private int size;

    private SegmentedLut(int[] data, boolean bigEndian) {
        this.data = data;
        this.bigEndian = bigEndian;
    }

    /** The expanded table of segmented data with 8- or 16-bit entries (words in the data set's byte order). */
    static int[] expand(byte[] raw, int bits, boolean bigEndian) throws DicomRejectedException {
        if (bits != 8 && bits != 16) {
            throw new DicomRejectedException("segmented palette with " + bits + "-bit entries (8 or 16 are defined)");
        }
        int[] data;
        if (bits == 8) {
            data = new int[raw.length];
            for (int i = 0; i < raw.length; i++) data[i] = raw[i] & 0xFF;
        } else {
            data = new int[raw.length / 2];
            for (int i = 0; i < data.length; i++) {
                int a = raw[2 * i] & 0xFF, b = raw[2 * i + 1] & 0xFF;
                data[i] = bigEndian ? a << 8 | b : b << 8 | a;
            }
        }
        SegmentedLut lut = new SegmentedLut(data, bigEndian);
        lut.segments(0, Integer.MAX_VALUE, false, bits == 8);
        return Arrays.copyOf(lut.out, lut.size);
    }

    /** Expands up to {@code count} segments from {@code at}; {@code indirect} when called for an indirect segment. */
    private void segments(int at, int count, boolean indirect, boolean eightBit) throws DicomRejectedException {
        int start = size;
        // "offset + 1 < length": a trailing odd entry (padding) is not a segment
        for (int read = 0; read < count && at + 1 < data.length; read++) {
            int opcode = data[at], length = data[at + 1];
            at += 2;
            switch (opcode) {
                case 0 -> {
                    int n = Math.min(length, data.length - at);
                    for (int i = 0; i < n; i++) add(data[at + i]);
                    at += length;
                }
                case 1 -> {
                    // the previous entry: of this expansion, or for an indirect one the entry before it
                    if (size == 0) throw malformed("the first segment is a linear segment");
                    int y0 = out[size - 1];
                    int y1 = word(at);
                    at += 1;
                    linear(y0, y1, length);
                }
                case 2 -> {
                    if (indirect) throw malformed("an indirect segment refers to another indirect segment");
                    if (size == start) throw malformed("the first segment is an indirect segment");
                    long offset;
                    if (eightBit) {
                        // pydicom's byte order for the four offset bytes: [3,2,1,0] little endian, [2,3,0,1] big
                        int[] ii = bigEndian ? new int[] {2, 3, 0, 1} : new int[] {3, 2, 1, 0};
                        offset = ((long) word(at + ii[0]) << 8 | word(at + ii[1])) << 16
                                | (word(at + ii[2]) << 8 | word(at + ii[3]));
                        at += 4;
                    } else {
                        offset = (long) word(at + 1) << 16 | word(at);
                        at += 2;
                    }
                    if (offset >= data.length) throw malformed("an indirect segment points past the data");
                    segments((int) offset, length, true, eightBit);
                }
                default -> throw malformed("unknown segment type " + opcode);
            }
        }
    }

    /** numpy's around(linspace(y0 + step, y1, n)) with step = (y1 - y0) / n, in double precision as numpy does. */
    private void linear(int y0, int y1, int n) throws DicomRejectedException {
        if (y0 == y1) {
            for (int i = 0; i < n; i++) add(y1);
            return;
        }
        double first = y0 + (double) (y1 - y0) / n;
        if (n == 1) {
            add((int) Math.rint(first));
            return;
        }
        double step = (y1 - first) / (n - 1);
        for (int i = 0; i < n - 1; i++) add((int) Math.rint(i * step + first));
        add(y1);  // linspace ends exactly at its end value
    }

    private int word(int i) throws DicomRejectedException {
        if (i >= data.length) throw malformed("the data ends inside a segment");
        return data[i];
    }

    private void add(int v) throws DicomRejectedException {
        if (size == MAX_ENTRIES) throw malformed("more than " + MAX_ENTRIES + " entries");
        if (size == out.length) out = Arrays.copyOf(out, Math.min(MAX_ENTRIES, out.length * 2));
        out[size++] = v;
    }

    private static DicomRejectedException malformed(String what) {
        return new DicomRejectedException("malformed segmented palette lookup table: " + what);
    }
}
