package org.pacscluster.dicom;

/**
 * Lossless JPEG (ITU-T T.81 process 14: SOF3, Huffman coding), the codec of the DICOM transfer syntaxes
 * 1.2.840.10008.1.2.4.57 and .70. TwelveMonkeys decodes it too, but about six times slower, and lossless CR/DX
 * images are the largest files a PACS holds.
 *
 * <p>Supported: one interleaved scan holding every component (1 to 4, sampling factors 1 when more than one),
 * precision 2 to 16 bits, predictors 1 to 7, point transform, restart intervals of whole rows. Variants DICOM
 * encoders do not write in practice (several scans, subsampled components, hierarchical or arithmetic-coded frames,
 * rows given by a DNL marker, restart intervals that end inside a row, stray bytes between segments) make
 * {@link #decode} answer null, and the caller decodes the frame with TwelveMonkeys as before: a rarely used path is
 * better served by a mature decoder than by a rejection. A damaged stream (truncated, a marker inside the data, bad
 * Huffman codes or tables, segments running past the end) is rejected with a one-line reason, where TwelveMonkeys
 * often hands back a frame with garbage in it.
 *
 * <p>Its output equals TwelveMonkeys' on every real file we have. Where the two differ, this decoder follows T.81
 * and libjpeg (dcmtk agrees): after a restart marker the first row is predicted as the image's first row
 * (H.1.2.1), where TwelveMonkeys keeps the scan's predictor.
 *
 * <p>{@code -Dpacscluster.jpegLossless=java-imageio} sends every lossless frame to TwelveMonkeys again (to compare
 * or to work around a problem in this decoder).
 */
final class LosslessJpegDecoder {
    /** True when lossless frames go to this decoder (the default), false when forced back to TwelveMonkeys. */
    static final boolean ENABLED = !"java-imageio".equals(System.getProperty("pacscluster.jpegLossless"));

    /** Bits looked up at once: codes of up to this length, with their difference bits when these fit too. */
    private static final int LOOK = 12;
    /**
     * Fast-table entries: bits 0-5 the bits to take (a long shift by the entry takes just these), FULL when bits 8
     * and up hold the whole difference, else the difference category whose extra bits follow the code.
     */
    private static final int FULL = 0x40;

    private final byte[] d;
    private final int end;
    /** The next byte of entropy-coded data to put in the bit buffer. */
    private int pos;
    /**
     * The bit buffer: its {@code count} high bits are the next bits of the scan, the rest zero. Left-aligned, so that
     * taking n bits is a shift of {@code acc} alone and {@code count} stays off the critical path of the decode.
     */
    private long acc;
    private int count;
    /** Zero bits appended to the buffer after the data ended (end of the array or a marker). */
    private int padBits;
    private boolean atMarker;

    private LosslessJpegDecoder(byte[] d) {
        this.d = d;
        this.end = d.length;
    }

    /**
     * The samples of a lossless JPEG frame, interleaved pixel by pixel as the ImageIO path gives them, or null when
     * the stream uses a variant this decoder leaves to TwelveMonkeys (see the class comment).
     */
    static RawFrame decode(byte[] data, PixelModule m) throws DicomRejectedException {
        int[] s = new LosslessJpegDecoder(data).samples(m);
        if (s == null) return null;
        // as in ImageIoCodec.samples: the header, not the codec, says whether the data is signed
        if (m.signed()) SampleFix.signExtend(s, m.bitsStored());
        return new RawFrame(s, m.samplesPerPixel(), false, m.samplesPerPixel() == 3 && m.photometric().ybr());
    }

    private static DicomRejectedException damaged(String why) {
        return new DicomRejectedException("lossless JPEG: " + why);
    }

    // ---- markers ----

    private int precision, width, height, nf;
    private int[] frameIds;
    /**
     * Where each DC table's definition (16 counts, then the symbols) starts; the tables are built when the scan
     * uses them, since a stream may define them any number of times.
     */
    private final int[] tableAt = {-1, -1, -1, -1};
    private int restartInterval;

    private int[] samples(PixelModule m) throws DicomRejectedException {
        if (end < 4 || u8(0) != 0xFF || u8(1) != 0xD8) throw damaged("no SOI marker at the start of the frame");
        int p = 2;
        boolean sof = false;
        while (true) {
            if (p >= end) throw damaged("the stream ends before its scan");
            // bytes between segments: libjpeg skips them with a warning; TwelveMonkeys, the mature path, may cope
            if (u8(p) != 0xFF) return null;
            // markers may be preceded by any number of fill bytes 0xFF (T.81 B.1.1.2)
            while (p < end && u8(p) == 0xFF) p++;
            if (p >= end) throw damaged("the stream ends before its scan");
            int marker = u8(p++);
            if (marker == 0xD9) throw damaged("the stream ends (EOI) before its scan");
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) continue;  // TEM, RSTn, SOI: no segment
            if (p + 2 > end) throw damaged("a marker segment runs past the end of the stream");
            int len = u8(p) << 8 | u8(p + 1);
            if (len < 2 || p + len > end) throw damaged("a marker segment runs past the end of the stream");
            int seg = p + 2, segEnd = p + len;
            p = segEnd;
            switch (marker) {
                case 0xC3 -> {
                    if (sof) return null;  // a second frame header: not a DICOM variant we know, let TwelveMonkeys try
                    sof = true;
                    if (!readFrameHeader(seg, segEnd, m)) return null;
                }
                case 0xC0, 0xC1, 0xC2, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF -> {
                    return null;  // not process 14 (e.g. baseline in a lossless syntax, hierarchical, arithmetic)
                }
                case 0xC4 -> readHuffmanTables(seg, segEnd);
                case 0xDD -> {
                    if (len < 4) throw damaged("DRI segment too short");
                    restartInterval = u8(seg) << 8 | u8(seg + 1);
                }
                case 0xDA -> {
                    if (!sof) throw damaged("scan before the frame header");
                    return readScan(seg, segEnd, p);
                }
                default -> { }  // APPn, COM, DQT, DNL before the scan...: nothing a lossless decode needs
            }
        }
    }

    /** SOF3; false for variants left to TwelveMonkeys. Checks the size against the header before any allocation. */
    private boolean readFrameHeader(int seg, int segEnd, PixelModule m) throws DicomRejectedException {
        if (segEnd - seg < 6) throw damaged("SOF3 segment too short");
        precision = u8(seg);
        height = u8(seg + 1) << 8 | u8(seg + 2);
        width = u8(seg + 3) << 8 | u8(seg + 4);
        nf = u8(seg + 5);
        if (precision < 2 || precision > 16) throw damaged("sample precision " + precision + " (2 to 16 allowed)");
        if (nf < 1 || segEnd - seg < 6 + 3 * nf) throw damaged("SOF3 segment too short for its components");
        if (height == 0) return false;  // the rows come later, in a DNL marker
        if (width != m.columns() || height != m.rows() || nf != m.samplesPerPixel()) {
            throw new DicomRejectedException("the JPEG frame is " + width + "x" + height + "x" + nf
                    + " but the header says " + m.columns() + "x" + m.rows() + "x" + m.samplesPerPixel());
        }
        frameIds = new int[nf];
        for (int c = 0; c < nf; c++) {
            frameIds[c] = u8(seg + 6 + 3 * c);
            // one component: its sampling factors do not matter (each MCU is one sample); several: only 1x1 here
            if (nf > 1 && u8(seg + 7 + 3 * c) != 0x11) return false;
        }
        return true;
    }

    private void readHuffmanTables(int p, int segEnd) throws DicomRejectedException {
        while (p < segEnd) {
            if (p + 17 > segEnd) throw damaged("DHT segment too short");
            int cls = u8(p) >> 4, id = u8(p) & 15;
            int n = 0;
            for (int l = 1; l <= 16; l++) n += u8(p + l);
            if (n > 256 || p + 17 + n > segEnd) throw damaged("DHT segment too short for its codes");
            if (id > 3) throw damaged("Huffman table id " + id + " (0 to 3 allowed)");
            if (cls == 0) tableAt[id] = p + 1;  // AC tables (class 1) serve no lossless scan
            p += 17 + n;
        }
    }

    /** SOS, then the entropy-coded data from {@code data}; null for variants left to TwelveMonkeys. */
    private int[] readScan(int seg, int segEnd, int data) throws DicomRejectedException {
        int ns = segEnd > seg ? u8(seg) : 0;
        if (ns < 1 || segEnd - seg < 4 + 2 * ns) throw damaged("SOS segment too short");
        if (ns != nf) return null;  // components in separate scans
        int[] offset = new int[ns];
        Huffman[] huff = new Huffman[ns];
        for (int k = 0; k < ns; k++) {
            int id = u8(seg + 1 + 2 * k), td = u8(seg + 2 + 2 * k) >> 4;
            offset[k] = -1;
            for (int c = 0; c < nf; c++) if (frameIds[c] == id) offset[k] = c;
            if (offset[k] < 0) throw damaged("the scan names component " + id + ", which the frame lacks");
            for (int j = 0; j < k; j++) if (offset[j] == offset[k]) throw damaged("the scan names component " + id + " twice");
            if (td > 3 || tableAt[td] < 0) throw damaged("the scan uses Huffman table " + td + ", which is not defined");
            for (int j = 0; j < k && huff[k] == null; j++) if (u8(seg + 2 + 2 * j) >> 4 == td) huff[k] = huff[j];
            if (huff[k] == null) huff[k] = new Huffman(d, tableAt[td]);
        }
        int q = seg + 1 + 2 * ns;
        int predictor = u8(q), pt = u8(q + 2) & 15;
        if (predictor < 1 || predictor > 7) return null;  // 0: differential (hierarchical) frames only
        if (pt >= precision) throw damaged("point transform " + pt + " for " + precision + "-bit samples");
        if (restartInterval % width != 0) return null;  // a restart inside a row: rare, and decoders disagree on it
        // every sample takes at least one bit: a stream this short cannot hold the frame, whatever the header says
        long samples = (long) width * height * nf;
        if (samples > 8L * (end - data) + 64) {
            throw new DicomRejectedException("truncated: " + (end - data) + " bytes of lossless JPEG data cannot hold "
                    + width + "x" + height + "x" + nf + " samples");
        }
        int[] out = new int[(int) samples];
        pos = data;
        decodeScan(out, offset, huff, predictor, precision - pt);
        if (pt > 0) for (int i = 0; i < out.length; i++) out[i] <<= pt;
        return out;
    }

    // ---- entropy-coded data ----

    /**
     * T.81 H.1.2: each sample is its prediction plus a Huffman-coded difference, modulo 2^16. The first row of the
     * image and of each restart interval is predicted from the left (its first sample from the middle level), the
     * first column from above, the rest with the scan's predictor. Row by row, in two passes as libjpeg does: the
     * row's differences first (a tight loop over the bit stream), then the predictions (a tight loop over samples).
     */
    private void decodeScan(int[] out, int[] offset, Huffman[] huff, int predictor, int bits) throws DicomRejectedException {
        int nc = offset.length, stride = width * nc;
        int rowsPerInterval = restartInterval == 0 ? height : restartInterval / width;
        int initial = 1 << (bits - 1);
        int[] diffs = new int[stride];
        int restarts = 0;
        for (int y = 0; y < height; y++) {
            boolean first = y % rowsPerInterval == 0;
            if (first && y > 0) restart(restarts++ & 7);
            differences(diffs, huff);
            int row = y * stride;
            for (int k = 0; k < nc; k++) {
                int i = row + offset[k];  // the scan's k-th component may be stored as another one
                // ra, the sample to the left, stays in a register: reading it back from out would wait for its store
                int ra = ((first ? initial : out[i - stride]) + diffs[k]) & 0xFFFF;
                out[i] = ra;
                if (first || predictor == 1) {
                    for (int x = 1, j = k + nc; x < width; x++, j += nc) {
                        ra = (ra + diffs[j]) & 0xFFFF;
                        out[i += nc] = ra;
                    }
                } else {
                    for (int x = 1, j = k + nc; x < width; x++, j += nc) {
                        i += nc;
                        ra = (predict(predictor, ra, out[i - stride], out[i - stride - nc]) + diffs[j]) & 0xFFFF;
                        out[i] = ra;
                    }
                }
            }
        }
        if (count < padBits) throw truncated();
    }

    /**
     * A row of differences, the components in turn: {@link #diff}'s fast path, with the bit buffer in local
     * variables (a field written per sample costs a store and a reload on the critical path: about a third of the
     * decode time of a large CR image).
     */
    private void differences(int[] diffs, Huffman[] huff) throws DicomRejectedException {
        long acc = this.acc;
        int count = this.count;
        for (int i = 0, k = 0; i < diffs.length; i++) {
            Huffman h = huff[k];
            if (++k == huff.length) k = 0;
            if (count < 32) {
                this.acc = acc;
                this.count = count;
                fill();
                acc = this.acc;
                count = this.count;
            }
            int e = h.fast[(int) (acc >>> (64 - LOOK))];
            if ((e & FULL) != 0) {
                acc <<= e;  // by e & 0x3F: Java takes a long shift's distance modulo 64
                count -= e & 0x3F;
                diffs[i] = e >> 8;
            } else {
                this.acc = acc;
                this.count = count;
                diffs[i] = diff(h);
                acc = this.acc;
                count = this.count;
            }
        }
        this.acc = acc;
        this.count = count;
    }

    /** T.81 Table H.1; >> is arithmetic, as the standard defines it for predictors 5 and 6. */
    private static int predict(int predictor, int ra, int rb, int rc) {
        return switch (predictor) {
            case 1 -> ra;
            case 2 -> rb;
            case 3 -> rc;
            case 4 -> ra + rb - rc;
            case 5 -> ra + ((rb - rc) >> 1);
            case 6 -> rb + ((ra - rc) >> 1);
            default -> (ra + rb) >> 1;
        };
    }

    /** One difference value (T.81 H.1.2.2 and F.2.2.1); category 16 is 32768 and has no extra bits. */
    private int diff(Huffman h) throws DicomRejectedException {
        if (count < 32) fill();  // a code and its extra bits take at most 32
        int e = h.fast[(int) (acc >>> (64 - LOOK))];
        if ((e & FULL) != 0) {
            skip(e & 0x3F);
            return e >> 8;
        }
        int s;
        if (e != 0) {
            skip(e & 0x3F);
            s = e >>> 8;
        } else {
            s = slowSymbol(h);
        }
        if (s == 0) return 0;
        if (s >= 16) {
            if (s > 16) throw damaged("difference category " + s + " (at most 16)");
            return 32768;
        }
        int v = (int) (acc >>> (64 - s));
        skip(s);
        return v < 1 << (s - 1) ? v - (1 << s) + 1 : v;
    }

    private void skip(int n) {
        acc <<= n;
        count -= n;
    }

    /** Codes longer than the fast table's bits, the canonical way (T.81 F.2.2.3). */
    private int slowSymbol(Huffman h) throws DicomRejectedException {
        for (int l = LOOK + 1; l <= 16; l++) {
            int code = (int) (acc >>> (64 - l));
            if (code <= h.maxCode[l]) {
                int i = h.valueOffset[l] + code;
                if (i < 0) break;  // cannot happen with a canonical table; guards the index all the same
                skip(l);
                return h.symbols[i];
            }
        }
        throw damaged("corrupt data: no Huffman code matches");
    }

    /**
     * Tops the buffer up to more than 56 bits. 0xFF 0x00 is a data byte 0xFF (byte stuffing); 0xFF followed by
     * anything else starts a marker (after optional fill bytes 0xFF), where the data ends: zero bits stand in for
     * what follows, as in libjpeg, and taking any of them means the data was cut short.
     */
    private void fill() throws DicomRejectedException {
        while (count <= 56) {
            if (!atMarker && pos + 8 <= end) {
                // the common case, whole bytes at once: the next 8 bytes hold no 0xFF (no stuffing, no marker)
                long w = 0;
                for (int j = 0; j < 8; j++) w = w << 8 | (d[pos + j] & 0xFF);
                if (((~w - 0x0101010101010101L) & w & 0x8080808080808080L) == 0) {
                    int n = Math.min(7, (64 - count) >> 3);
                    acc |= w >>> 64 - 8 * n << 64 - count - 8 * n;
                    count += 8 * n;
                    pos += n;
                    continue;
                }
            }
            int b = 0;
            boolean real = false;
            if (!atMarker && pos < end) {
                b = d[pos] & 0xFF;
                real = true;
                if (b != 0xFF) {
                    pos++;
                } else {
                    int p = pos + 1;
                    while (p < end && d[p] == (byte) 0xFF) p++;
                    if (p < end && d[p] == 0) {
                        pos = p + 1;
                    } else {
                        atMarker = true;
                        pos = p - 1;  // the last 0xFF, before the marker code
                        b = 0;
                        real = false;
                    }
                }
            }
            if (!real) {
                if (count < padBits) throw truncated();  // some padding was taken as data already
                padBits += 8;
            }
            acc |= (long) b << 56 - count;
            count += 8;
        }
    }

    private DicomRejectedException truncated() {
        return new DicomRejectedException("truncated: the lossless JPEG data ends before the last pixel");
    }

    /**
     * End of a restart interval: the rest of the current byte is padding, then RSTn must follow (extraneous bytes
     * before it are skipped, as libjpeg does); the bit buffer starts afresh after it.
     */
    private void restart(int n) throws DicomRejectedException {
        if (count < padBits) throw truncated();
        acc = 0;
        count = 0;
        padBits = 0;
        int p = pos;
        while (p + 1 < end && !(d[p] == (byte) 0xFF && d[p + 1] != 0 && d[p + 1] != (byte) 0xFF)) p++;
        if (p + 1 >= end) throw truncated();
        int marker = u8(p + 1);
        if (marker != 0xD0 + n) {
            if (marker == 0xD9) throw truncated();
            throw damaged(String.format("expected marker RST%d, found 0x%02X", n, marker));
        }
        pos = p + 2;
        atMarker = false;
    }

    private int u8(int i) {
        return d[i] & 0xFF;
    }

    /** One DC Huffman table: the fast lookup table and the canonical decoding tables for longer codes. */
    private static final class Huffman {
        final int[] fast = new int[1 << LOOK];
        final int[] maxCode = new int[17];
        final int[] valueOffset = new int[17];
        final int[] symbols;

        /** From a DHT table definition at {@code at}: 16 counts of codes by length, then the symbols (checked). */
        Huffman(byte[] d, int at) throws DicomRejectedException {
            int[] counts = new int[17];
            int n = 0;
            for (int l = 1; l <= 16; l++) n += counts[l] = d[at + l - 1] & 0xFF;
            symbols = new int[n];
            for (int i = 0; i < n; i++) symbols[i] = d[at + 16 + i] & 0xFF;
            int code = 0, k = 0;
            for (int l = 1; l <= 16; l++) {
                valueOffset[l] = k - code;
                for (int j = 0; j < counts[l]; j++, k++, code++) {
                    if (code >= 1 << l) throw damaged("Huffman table with more codes than its code lengths allow");
                    if (l <= LOOK) fillFast(code, l, symbols[k]);
                }
                maxCode[l] = counts[l] == 0 ? -1 : code - 1;
                code <<= 1;
            }
        }

        /** Every LOOK-bit pattern that starts with this code; with the difference when its bits fit as well. */
        private void fillFast(int code, int len, int s) {
            int shift = LOOK - len;
            for (int j = 0; j < 1 << shift; j++) {
                int index = code << shift | j;
                int e;
                if (s == 0) {
                    e = FULL | len;
                } else if (s == 16) {
                    e = 32768 << 8 | FULL | len;
                } else if (s < 16 && len + s <= LOOK) {
                    int v = j >> (shift - s) & ((1 << s) - 1);
                    int diff = v < 1 << (s - 1) ? v - (1 << s) + 1 : v;
                    e = diff << 8 | FULL | (len + s);
                } else {
                    e = s << 8 | len;
                }
                fast[index] = e;
            }
        }
    }
}
