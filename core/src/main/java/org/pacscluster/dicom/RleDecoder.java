package org.pacscluster.dicom;

/**
 * DICOM RLE Lossless (PS3.5 Annex G): a 64-byte header with up to 15 segment offsets, each segment one byte-plane
 * (most significant first) of one sample, PackBits-coded.
 */
final class RleDecoder {
    private RleDecoder() {}

    static RawFrame decode(byte[] frame, PixelModule m) throws DicomRejectedException {
        if (m.bitsAllocated() == 1) throw new DicomRejectedException("RLE with 1-bit pixel data is not supported");
        if (frame.length < 64) throw new DicomRejectedException("RLE frame shorter than its 64-byte header");
        int bytesPerSample = m.bitsAllocated() / 8;
        int spp = m.samplesPerPixel();
        int segments = u32(frame, 0);
        int expected = bytesPerSample * spp;
        if (segments != expected) {
            throw new DicomRejectedException("RLE frame has " + segments + " segments, " + expected + " expected");
        }
        int pixels = m.pixelsPerFrame();
        // PackBits codes at most 128 bytes in 2, so a frame this short cannot hold the image its header claims;
        // checked before allocating so that a damaged Rows/Columns cannot exhaust memory.
        if ((long) pixels * segments > 64L * frame.length + 128L * segments) {
            throw new DicomRejectedException("RLE frame of " + frame.length + " bytes is too short for "
                    + m.rows() + "x" + m.columns() + " pixels");
        }
        int[] s = new int[pixels * spp];
        byte[] plane = new byte[pixels];
        for (int k = 0; k < segments; k++) {
            int start = u32(frame, 4 + 4 * k);
            int end = k + 1 < segments ? u32(frame, 8 + 4 * k) : frame.length;
            if (start < 64 || start > frame.length || end < start || end > frame.length) {
                throw new DicomRejectedException("RLE segment " + (k + 1) + " has an invalid offset");
            }
            int got = unpackBits(frame, start, end, plane);
            if (got < pixels) {
                throw new DicomRejectedException("RLE segment " + (k + 1) + " decodes to " + got + " bytes, "
                        + pixels + " expected");
            }
            int sample = k / bytesPerSample;
            int shift = 8 * (bytesPerSample - 1 - k % bytesPerSample);
            for (int p = 0, o = sample; p < pixels; p++, o += spp) s[o] |= (plane[p] & 0xFF) << shift;
        }
        SampleFix.apply(s, m.bitsStored(), m.signed());
        boolean u32 = m.bitsAllocated() == 32 && m.bitsStored() == 32 && !m.signed();
        return new RawFrame(s, spp, u32, m.photometric().ybr());
    }

    /** PackBits into {@code out} (at most its length); returns how many bytes the segment produced. */
    static int unpackBits(byte[] in, int pos, int end, byte[] out) {
        int o = 0;
        while (pos < end && o < out.length) {
            int n = in[pos++];
            if (n >= 0) {
                int count = Math.min(n + 1, Math.min(end - pos, out.length - o));
                System.arraycopy(in, pos, out, o, count);
                pos += n + 1;
                o += count;
            } else if (n != -128) {
                if (pos >= end) break;
                byte b = in[pos++];
                int count = Math.min(1 - n, out.length - o);
                for (int i = 0; i < count; i++) out[o++] = b;
            }
        }
        return o;
    }

    private static int u32(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }
}
