package org.pacscluster.dicom;

/**
 * Brings raw sample words to their stored value: only the low Bits Stored bits count; signed data is sign-extended
 * from its top stored bit (PS3.5 8.1.1). Applied to native and RLE data; codecs give sample values and need at most
 * {@link #signExtend} (a codec may hand signed data back as unsigned words).
 */
final class SampleFix {
    private SampleFix() {}

    static void apply(int[] s, int bitsStored, boolean signed) {
        if (bitsStored >= 32) return;
        if (signed) {
            signExtend(s, bitsStored);
        } else {
            int mask = (1 << bitsStored) - 1;
            for (int i = 0; i < s.length; i++) s[i] &= mask;
        }
    }

    /** Sign-extends from bit {@code bitsStored - 1}: all a codec's output needs (codecs give values, not words). */
    static void signExtend(int[] s, int bitsStored) {
        if (bitsStored >= 32) return;
        int sh = 32 - bitsStored;
        for (int i = 0; i < s.length; i++) s[i] = (s[i] << sh) >> sh;
    }
}
