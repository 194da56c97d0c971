package org.pacscluster.dicom;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pacscluster.io.ReadLimits;

/**
 * Encapsulated pixel data (PS3.5 A.4): the Basic Offset Table item, then one item per fragment. Finds which
 * fragments make up each frame: the Extended or Basic Offset Table when present, one fragment per frame when the
 * counts agree, else the codec's start-of-image markers, else its end-of-image markers. Only item headers are
 * read here; fragment bytes are read when a frame is asked for.
 */
final class Fragments {
    private static final int ITEM = 0xFFFEE000, SEQUENCE_END = 0xFFFEE0DD;

    private final ByteSource source;
    private final long[] offset;  // value position of each fragment
    private final int[] length;
    /** Index of the first fragment of each frame, plus one past the last fragment at the end. */
    private final int[] frameStart;

    private Fragments(ByteSource source, long[] offset, int[] length, int[] frameStart) {
        this.source = source;
        this.offset = offset;
        this.length = length;
        this.frameStart = frameStart;
    }

    static Fragments scan(DicomHeader h, int frames, TransferSyntax.Codec codec) throws DicomRejectedException, IOException {
        ByteWindow in = new ByteWindow(h.source);
        long pos = h.pixelOffset;
        long end = in.length();
        if (!in.has(pos, 8) || (in.u16(pos, false) << 16 | in.u16(pos + 2, false)) != ITEM) {
            throw new DicomRejectedException(in.has(pos, 8) ? "encapsulated pixel data does not start with an offset table item"
                    : "truncated: the file ends at the start of the pixel data");
        }
        long botLength = in.u32(pos + 4, false);
        if (!in.has(pos + 8, botLength)) throw new DicomRejectedException("truncated: the file ends inside the basic offset table");
        long[] bot = new long[(int) (botLength / 4)];
        for (int i = 0; i < bot.length; i++) bot[i] = in.u32(pos + 8 + 4L * i, false);
        pos += 8 + botLength;
        long firstItem = pos;
        List<long[]> items = new ArrayList<>();  // {item position, value position, length}
        boolean delimited = false;
        while (in.has(pos, 8)) {
            int tag = in.u16(pos, false) << 16 | in.u16(pos + 2, false);
            long len = in.u32(pos + 4, false);
            if (tag == SEQUENCE_END) {
                delimited = true;
                break;
            }
            if (tag != ITEM) throw new DicomRejectedException("malformed encapsulated pixel data: " + Tags.name(tag) + " where a fragment item was expected");
            if (len == 0xFFFFFFFFL || len > Integer.MAX_VALUE) throw new DicomRejectedException("malformed encapsulated pixel data: fragment length " + len);
            if (!in.has(pos + 8, len)) throw new DicomRejectedException("truncated: the file ends inside pixel data fragment " + (items.size() + 1));
            items.add(new long[] {pos, pos + 8, len});
            pos += 8 + len;
        }
        if (!delimited && pos < end) throw new DicomRejectedException("truncated: the file ends inside the pixel data");
        if (items.isEmpty()) throw new DicomRejectedException("encapsulated pixel data has no fragments");
        int n = items.size();
        // every frame needs a fragment of its own: a larger Number of Frames is a lie, refused before any per-frame table
        if (frames > n) {
            throw new DicomRejectedException("Number of Frames says " + frames + " but the pixel data has only " + n
                    + " fragment" + (n == 1 ? "" : "s"));
        }
        long[] off = new long[n];
        int[] len = new int[n];
        long[] itemPos = new long[n];
        for (int i = 0; i < n; i++) {
            itemPos[i] = items.get(i)[0] - firstItem;
            off[i] = items.get(i)[1];
            len[i] = (int) items.get(i)[2];
        }
        Fragments f = new Fragments(h.source, off, len, null);
        int[] starts = f.frameStarts(frames, bot, h.extendedOffsets, itemPos, codec);
        if (starts == null) {
            throw new DicomRejectedException("cannot tell which of the " + n + " pixel data fragments belong to each of the "
                    + frames + " frames");
        }
        return new Fragments(h.source, off, len, starts);
    }

    private int[] frameStarts(int frames, long[] bot, byte[] extended, long[] itemPos, TransferSyntax.Codec codec)
            throws IOException {
        int n = offset.length;
        if (frames == 1) return new int[] {0, n};
        long[] table = extended != null && extended.length >= 8L * frames ? extendedTable(extended, frames) : bot;
        if (table.length == frames) {
            int[] byTable = fromTable(table, itemPos);
            if (byTable != null) return byTable;
        }
        if (n == frames) {
            int[] one = new int[frames + 1];
            for (int i = 0; i <= frames; i++) one[i] = i;
            return one;
        }
        int[] byStart = byMarkers(frames, codec, true);
        return byStart != null ? byStart : byMarkers(frames, codec, false);
    }

    private static long[] extendedTable(byte[] b, int frames) {
        long[] t = new long[frames];
        for (int i = 0; i < frames; i++) {
            long v = 0;
            for (int k = 7; k >= 0; k--) v = v << 8 | (b[8 * i + k] & 0xFF);
            t[i] = v;
        }
        return t;
    }

    /** Offset table entries are item positions relative to the first fragment item. */
    private int[] fromTable(long[] table, long[] itemPos) {
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < itemPos.length; i++) index.put(itemPos[i], i);
        int[] starts = new int[table.length + 1];
        for (int f = 0; f < table.length; f++) {
            Integer i = index.get(table[f]);
            if (i == null || (f > 0 && i <= starts[f - 1])) return null;
            starts[f] = i;
        }
        if (starts[0] != 0) return null;
        starts[table.length] = itemPos.length;
        return starts;
    }

    /**
     * Splits fragments into frames at start-of-image markers (JPEG FFD8, JPEG 2000 FF4F or a JP2 signature box), or
     * after fragments that end with an end-of-image marker (FFD9, ignoring trailing zero padding).
     */
    private int[] byMarkers(int frames, TransferSyntax.Codec codec, boolean atStart) throws IOException {
        if (codec != TransferSyntax.Codec.JPEG && codec != TransferSyntax.Codec.JPEG_LOSSLESS
                && codec != TransferSyntax.Codec.JPEG2000 && codec != TransferSyntax.Codec.JPEG_LS) {
            return null;
        }
        int n = offset.length;
        int[] starts = new int[frames + 1];
        int found = 0;
        for (int i = 0; i < n; i++) {
            boolean begins;
            if (atStart) {
                begins = startsImage(i);
            } else {
                begins = i == 0 || endsImage(i - 1);
            }
            if (begins) {
                if (found == frames) return null;
                starts[found++] = i;
            }
        }
        if (found != frames || starts[0] != 0) return null;
        starts[frames] = n;
        return starts;
    }

    private boolean startsImage(int i) throws IOException {
        if (length[i] < 2) return false;
        byte[] b = source.read(offset[i], Math.min(length[i], 12));
        if ((b[0] & 0xFF) == 0xFF && ((b[1] & 0xFF) == 0xD8 || (b[1] & 0xFF) == 0x4F)) return true;
        return b.length >= 8 && b[4] == 'j' && b[5] == 'P' && b[6] == ' ' && b[7] == ' ';
    }

    private boolean endsImage(int i) throws IOException {
        int tail = Math.min(length[i], 16);
        if (tail < 2) return false;
        byte[] b = source.read(offset[i] + length[i] - tail, tail);
        int k = b.length - 1;
        while (k > 0 && b[k] == 0) k--;
        return k >= 1 && (b[k - 1] & 0xFF) == 0xFF && (b[k] & 0xFF) == 0xD9;
    }

    int frameCount() { return frameStart.length - 1; }

    int fragmentCount() { return offset.length; }

    /** The bytes of one frame: its fragments' values, concatenated. */
    byte[] frame(int index) throws IOException {
        int from = frameStart[index], to = frameStart[index + 1];
        long total = 0;
        for (int i = from; i < to; i++) total += length[i];
        ReadLimits.current().checkFileBytes(total, "frame " + index + "'s compressed data");
        if (total > Integer.MAX_VALUE - 16) throw new IOException("frame " + index + " is larger than 2 GB");
        byte[] out = new byte[(int) total];
        int o = 0;
        for (int i = from; i < to; i++) {
            source.read(offset[i], out, o, length[i]);
            o += length[i];
        }
        return out;
    }

    @Override
    public String toString() { return "Fragments" + Arrays.toString(frameStart); }
}
