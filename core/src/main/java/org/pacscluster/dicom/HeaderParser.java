package org.pacscluster.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.pacscluster.io.LimitExceededException;
import org.pacscluster.io.ReadLimits;

/**
 * Parses a DICOM Part-10 file (or a bare data set) up to its pixel data: preamble and "DICM" when present, the
 * group-0002 meta information, then the data set in its transfer syntax (inflating a deflated one). Nested
 * sequences are skipped by length or walked item by item when their length is undefined; only top-level values
 * that pacscluster needs are decoded. The pixel data itself is not read, only located.
 */
final class HeaderParser {
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int ITEM = 0xFFFEE000, ITEM_END = 0xFFFEE00D, SEQUENCE_END = 0xFFFEE0DD;
    private static final int MAX_DEPTH = 64;
    /** Larger top-level values that we would decode are ignored (a description is never this long). */
    private static final int MAX_KEPT_VALUE = 1 << 20;

    private ByteWindow in;
    private final DicomHeader h = new DicomHeader();
    private Charset charset = StandardCharsets.ISO_8859_1;

    // the element header just read
    private int tag;
    private int vr;
    private long length;
    private int headerLength;
    /** True while the first item of the top-level Modality LUT Sequence is being read (its values are kept). */
    private boolean inModalityLut;

    private HeaderParser() {}

    /**
     * Parses the header. Rejects only what is not DICOM at all (empty, no recognisable start); damage further on
     * is recorded in {@link DicomHeader#defect} so that the tags read until then can still be shown.
     */
    static DicomHeader parse(ByteSource source) throws DicomRejectedException, IOException {
        return new HeaderParser().run(source);
    }

    private DicomHeader run(ByteSource source) throws DicomRejectedException, IOException {
        in = new ByteWindow(source);
        h.source = source;
        if (in.length() == 0) throw new DicomRejectedException("empty file");
        long pos;
        boolean marker;
        if (in.matches(128, "DICM")) {
            pos = 132;
            marker = true;
        } else if (in.matches(0, "DICM")) {
            pos = 4;
            marker = true;
        } else {
            pos = 0;
            marker = false;
        }
        boolean meta = in.has(pos, 8) && in.u16(pos, false) == 0x0002;
        try {
            if (meta) pos = parseMeta(pos);
        } catch (ByteWindow.TruncatedException e) {
            throw new DicomRejectedException("truncated: the file ends inside its meta information header");
        } catch (MalformedException e) {
            throw new DicomRejectedException("malformed meta information header: " + e.getMessage());
        }
        if (!h.transferSyntaxUid.isEmpty()) h.syntax = TransferSyntax.of(h.transferSyntaxUid);
        boolean explicit;
        if (h.syntax != null) {
            explicit = h.syntax.explicitVr();
            h.bigEndian = h.syntax.bigEndian();
        } else {
            // No or unknown transfer syntax: take the data set's encoding from its first element.
            TransferSyntax guess = guessEncoding(pos);
            if (guess == null) {
                if (!marker && !meta) {
                    throw new DicomRejectedException("not a DICOM file (no 'DICM' marker and no DICOM data element at the start)");
                }
                if (!in.has(pos, 8)) {
                    h.defect = "no data set after the meta information header";
                    return h;
                }
                guess = TransferSyntax.explicitLittle();
            }
            if (h.transferSyntaxUid.isEmpty()) h.syntax = guess;
            explicit = guess.explicitVr();
            h.bigEndian = guess.bigEndian();
        }
        if (h.syntax != null && h.syntax.deflated()) {
            in = new ByteWindow(inflate(pos));
            h.source = in.source();
            pos = 0;
        }
        try {
            parseDataset(pos, in.length(), 0, explicit, h.bigEndian);
        } catch (ByteWindow.TruncatedException e) {
            h.defect = "truncated: the file ends at byte " + e.available + " inside element " + Tags.name(tag)
                    + " (needs " + e.needed + " bytes)";
        } catch (MalformedException e) {
            h.defect = "malformed data set: " + e.getMessage();
        }
        return h;
    }

    private long parseMeta(long pos) throws IOException, MalformedException {
        while (in.has(pos, 8) && in.u16(pos, false) == 0x0002) {
            readHeader(pos, isVr(pos + 4), false);
            long value = pos + headerLength;
            if (length == UNDEFINED) throw new MalformedException("undefined length in " + Tags.name(tag));
            if (!in.has(value, length)) throw new ByteWindow.TruncatedException(value + length, in.length());
            if (tag == 0x00020010) h.transferSyntaxUid = text(value, (int) length, StandardCharsets.US_ASCII);
            else if (tag == 0x00020002) h.sopClassUid = text(value, (int) length, StandardCharsets.US_ASCII);
            pos = value + length;
        }
        return pos;
    }

    /** The encoding of a data set from its first element, or null when it does not look like one. */
    private TransferSyntax guessEncoding(long pos) throws IOException {
        if (!in.has(pos, 8)) return null;
        int groupLe = in.u16(pos, false);
        int groupBe = in.u16(pos, true);
        if (plausibleFirstGroup(groupLe)) {
            if (isVr(pos + 4)) return TransferSyntax.explicitLittle();
            long len = in.u32(pos + 4, false);
            if (len == UNDEFINED || in.has(pos + 8, len)) return TransferSyntax.implicitLittle();
            return null;
        }
        if (plausibleFirstGroup(groupBe) && isVr(pos + 4)) return TransferSyntax.explicitBig();
        return null;
    }

    /** A data set starts with a low even group (0008 nearly always; 0000-0006 for command or directory data). */
    private static boolean plausibleFirstGroup(int group) { return group <= 0x0008 && group % 2 == 0; }

    /** The inflated data set, held to the max-file-size limit while it inflates (a few MB can inflate to GBs). */
    private ByteSource inflate(long pos) throws DicomRejectedException, IOException {
        long n = in.length() - pos;
        long cap = Math.min(ReadLimits.current().maxFileBytes(), Integer.MAX_VALUE - 16);
        ReadLimits.current().checkFileBytes(n, "the deflated data set");
        byte[] compressed = in.source().read(pos, (int) n);
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(cap, compressed.length * 4L + 64));
            byte[] chunk = new byte[1 << 16];
            while (!inflater.finished()) {
                int got = inflater.inflate(chunk);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) break;
                if (out.size() + (long) got > cap) {
                    throw new LimitExceededException("the deflated data set inflates to more than " + ReadLimits.size(cap)
                            + " (the " + ReadLimits.MAX_FILE_SIZE + " limit)", ReadLimits.MAX_FILE_SIZE);
                }
                out.write(chunk, 0, got);
            }
            return ByteSource.of(out.toByteArray());
        } catch (DataFormatException e) {
            throw new DicomRejectedException("corrupt deflated data set: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    /**
     * Parses elements from {@code pos} up to {@code end}, or up to an item delimiter when {@code end} is
     * Long.MAX_VALUE; returns the position after what was consumed. At the top level it stops at the pixel data.
     */
    private long parseDataset(long pos, long end, int depth, boolean explicit, boolean big)
            throws IOException, MalformedException {
        if (depth > MAX_DEPTH) throw new MalformedException("sequences nested deeper than " + MAX_DEPTH);
        boolean top = depth == 0;
        while (pos < end) {
            if (top && !in.has(pos, 8)) {
                if (pos < in.length() && !h.hasPixelData()) {
                    h.defect = "truncated: " + (in.length() - pos) + " stray bytes at the end of the data set";
                }
                return in.length();
            }
            readHeader(pos, explicit && isVr(pos + 4), big);
            if (tag == ITEM_END) return pos + 8;
            if (tag == SEQUENCE_END) {
                if (top) { pos += 8; continue; }  // stray delimiter: tolerated as other readers do
                return pos;
            }
            long value = pos + headerLength;
            if (top && (tag == DicomHeader.PIXEL_DATA || tag == DicomHeader.FLOAT_PIXEL_DATA
                    || tag == DicomHeader.DOUBLE_PIXEL_DATA)) {
                h.pixelTag = tag;
                h.pixelOffset = value;
                h.pixelLength = length == UNDEFINED ? -1 : length;
                return value;
            }
            if (top && tag == DicomHeader.MODALITY_LUT_SEQUENCE && !h.modalityLutSeen) {
                h.modalityLutSeen = true;
                inModalityLut = true;
                long seqEnd = length == UNDEFINED ? Long.MAX_VALUE : value + length;
                pos = walkItems(value, seqEnd, depth + 1, explicit, big, tag);
                inModalityLut = false;
                continue;
            }
            if (length == UNDEFINED) {
                // A sequence, or an undefined-length UN whose content is implicit VR little endian (PS3.5 6.2.2).
                boolean un = vr == ('U' << 8 | 'N');
                int outerTag = tag;
                pos = skipItems(value, depth + 1, un ? false : explicit, un ? false : big, outerTag);
                continue;
            }
            if (top) keep(value, big);
            else if (inModalityLut && depth == 1) keepModalityLut(value, big);
            pos = value + length;
            if (pos > in.length()) throw new ByteWindow.TruncatedException(pos, in.length());
        }
        return pos;
    }

    /** Walks the items of an undefined-length sequence and returns the position after its delimiter. */
    private long skipItems(long pos, int depth, boolean explicit, boolean big, int owner)
            throws IOException, MalformedException {
        return walkItems(pos, Long.MAX_VALUE, depth, explicit, big, owner);
    }

    /**
     * Walks the items of a sequence that ends at {@code end} (Long.MAX_VALUE: at its delimiter) and returns the
     * position after it. Items of undefined length are parsed; while {@link #inModalityLut}, items of defined length
     * are parsed too (to keep the LUT), others are skipped by length.
     */
    private long walkItems(long pos, long end, int depth, boolean explicit, boolean big, int owner)
            throws IOException, MalformedException {
        if (depth > MAX_DEPTH) throw new MalformedException("sequences nested deeper than " + MAX_DEPTH);
        while (pos < end) {
            int t = in.u16(pos, big) << 16 | in.u16(pos + 2, big);
            long len = in.u32(pos + 4, big);
            if (t == SEQUENCE_END) return pos + 8;
            if (t != ITEM) {
                throw new MalformedException("expected an item in sequence " + Tags.name(owner) + " at byte " + pos
                        + ", found " + Tags.name(t));
            }
            if (len == UNDEFINED) {
                pos = parseDataset(pos + 8, Long.MAX_VALUE, depth, explicit, big);
            } else if (inModalityLut) {
                if (pos + 8 + len > in.length()) throw new ByteWindow.TruncatedException(pos + 8 + len, in.length());
                pos = parseDataset(pos + 8, pos + 8 + len, depth, explicit, big);
            } else {
                pos = pos + 8 + len;
                if (pos > in.length()) throw new ByteWindow.TruncatedException(pos, in.length());
            }
            tag = owner;
        }
        return pos;
    }

    private void readHeader(long pos, boolean explicit, boolean big) throws IOException {
        int group = in.u16(pos, big);
        tag = group << 16 | in.u16(pos + 2, big);
        if (group == 0xFFFE) {
            vr = 0;
            length = in.u32(pos + 4, big);
            headerLength = 8;
        } else if (explicit) {
            vr = in.u8(pos + 4) << 8 | in.u8(pos + 5);
            if (isLongVr(vr)) {
                length = in.u32(pos + 8, big);
                headerLength = 12;
            } else {
                length = in.u16(pos + 6, big);
                headerLength = 8;
            }
        } else {
            vr = 0;
            length = in.u32(pos + 4, big);
            headerLength = 8;
        }
    }

    private boolean isVr(long pos) throws IOException {
        if (!in.has(pos, 2)) return false;
        int a = in.u8(pos), b = in.u8(pos + 1);
        return a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z';
    }

    private static boolean isLongVr(int vr) {
        switch (vr) {
            case 'O' << 8 | 'B': case 'O' << 8 | 'D': case 'O' << 8 | 'F': case 'O' << 8 | 'L':
            case 'O' << 8 | 'V': case 'O' << 8 | 'W': case 'S' << 8 | 'Q': case 'S' << 8 | 'V':
            case 'U' << 8 | 'C': case 'U' << 8 | 'N': case 'U' << 8 | 'R': case 'U' << 8 | 'T':
            case 'U' << 8 | 'V':
                return true;
            default:
                return false;
        }
    }

    /** Decodes a top-level value that pacscluster keeps; everything else is skipped unread. */
    private void keep(long value, boolean big) throws IOException {
        if (length > MAX_KEPT_VALUE) return;
        int n = (int) length;
        switch (tag) {
            case DicomHeader.SPECIFIC_CHARSET -> charset = Charsets.forDicom(text(value, n, StandardCharsets.US_ASCII));
            case DicomHeader.SOP_CLASS -> h.sopClassUid = text(value, n, StandardCharsets.US_ASCII);
            case DicomHeader.SOP_INSTANCE -> h.sopInstanceUid = text(value, n, StandardCharsets.US_ASCII);
            case DicomHeader.STUDY_INSTANCE -> h.studyInstanceUid = text(value, n, StandardCharsets.US_ASCII);
            case DicomHeader.SERIES_INSTANCE -> h.seriesInstanceUid = text(value, n, StandardCharsets.US_ASCII);
            case DicomHeader.MODALITY -> h.modality = text(value, n, StandardCharsets.US_ASCII);
            case DicomHeader.BODY_PART -> h.bodyPartExamined = text(value, n, charset);
            case DicomHeader.STUDY_DESCRIPTION -> h.studyDescription = text(value, n, charset);
            case DicomHeader.SERIES_DESCRIPTION -> h.seriesDescription = text(value, n, charset);
            case DicomHeader.PHOTOMETRIC -> h.photometric = text(value, n, StandardCharsets.US_ASCII);
            case DicomHeader.FRAMES -> h.numberOfFrames = text(value, n, StandardCharsets.US_ASCII);
            case DicomHeader.RESCALE_SLOPE -> h.rescaleSlope = text(value, n, StandardCharsets.US_ASCII);
            case DicomHeader.RESCALE_INTERCEPT -> h.rescaleIntercept = text(value, n, StandardCharsets.US_ASCII);
            case DicomHeader.SAMPLES -> h.samplesPerPixel = us(value, n, big);
            case DicomHeader.PLANAR -> h.planarConfiguration = us(value, n, big);
            case DicomHeader.ROWS -> h.rows = us(value, n, big);
            case DicomHeader.COLUMNS -> h.columns = us(value, n, big);
            case DicomHeader.BITS_ALLOCATED -> h.bitsAllocated = us(value, n, big);
            case DicomHeader.BITS_STORED -> h.bitsStored = us(value, n, big);
            case DicomHeader.HIGH_BIT -> h.highBit = us(value, n, big);
            case DicomHeader.PIXEL_REPRESENTATION -> h.pixelRepresentation = us(value, n, big);
            case DicomHeader.RED_DESCRIPTOR, DicomHeader.GREEN_DESCRIPTOR, DicomHeader.BLUE_DESCRIPTOR -> {
                if (n >= 6) {
                    h.paletteDescriptor[tag - DicomHeader.RED_DESCRIPTOR] =
                            new int[] {in.u16(value, big), in.u16(value + 2, big), in.u16(value + 4, big)};
                }
            }
            case DicomHeader.RED_DATA, DicomHeader.GREEN_DATA, DicomHeader.BLUE_DATA ->
                    h.paletteData[tag - DicomHeader.RED_DATA] = in.bytes(value, n);
            case DicomHeader.SEGMENTED_RED, DicomHeader.SEGMENTED_GREEN, DicomHeader.SEGMENTED_BLUE ->
                    h.segmentedPaletteData[tag - DicomHeader.SEGMENTED_RED] = in.bytes(value, n);
            case DicomHeader.EXTENDED_OFFSETS -> h.extendedOffsets = in.bytes(value, n);
            case DicomHeader.EXTENDED_LENGTHS -> h.extendedLengths = in.bytes(value, n);
            default -> { }
        }
    }

    /** A value of the Modality LUT Sequence's first item (PS3.3 C.11.1): its LUT Descriptor and LUT Data. */
    private void keepModalityLut(long value, boolean big) throws IOException {
        if (length > MAX_KEPT_VALUE) return;
        int n = (int) length;
        if (tag == DicomHeader.LUT_DESCRIPTOR && n >= 6 && h.modalityLutDescriptor == null) {
            h.modalityLutDescriptor = new int[] {in.u16(value, big), in.u16(value + 2, big), in.u16(value + 4, big)};
            h.modalityLutFirstSigned = vr == ('S' << 8 | 'S');
        } else if (tag == DicomHeader.LUT_DATA && h.modalityLutData == null) {
            h.modalityLutData = in.bytes(value, n);
        }
    }

    private int us(long value, int n, boolean big) throws IOException { return n >= 2 ? in.u16(value, big) : -1; }

    /** A text value without its padding (trailing spaces and NULs, leading spaces). */
    private String text(long value, int n, Charset cs) throws IOException {
        byte[] b = in.bytes(value, n);
        int end = n;
        while (end > 0 && (b[end - 1] == 0 || b[end - 1] == ' ')) end--;
        int start = 0;
        while (start < end && b[start] == ' ') start++;
        return new String(b, start, end - start, cs);
    }

    /** A structural error in the data set, with a message for the user. */
    static final class MalformedException extends Exception {
        MalformedException(String message) { super(message); }
    }
}
