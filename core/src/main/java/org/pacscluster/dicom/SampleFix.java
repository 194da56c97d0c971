package org.pacscluster.dicom;

/**
 * Brings raw sample words to their stored value: only the low Bits Stored bits count; signed data is sign-extended
 * from its top stored bit (PS3.5 8.1.1). Applied to native and RLE data; codecs already give sample values.
 */
final class SampleFix {
    private SampleFix() {}

    static void apply(int[] s, int bitsStored, boolean signed) {
        if (bitsStored >= 32) return;
        if (signed) {
            int sh = 32 - bitsStored;
            for (int i = 0; i < s.length; i++) s[i] = (s[i] << sh) >> sh;
        } else {
            int mask = (1 << bitsStored) - 1;
            for (int i = 0; i < s.length; i++) s[i] &= mask;
        }
    }
}
