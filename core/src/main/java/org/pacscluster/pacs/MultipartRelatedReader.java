package org.pacscluster.pacs;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pacscluster.io.LimitExceededException;
import org.pacscluster.io.ReadLimits;

/**
 * Reads the parts of a {@code multipart/related} body (RFC 2046, as WADO-RS sends it) one at a time from a stream.
 * Only one part is in memory at once and a delimiter split across network reads is found all the same. Lenient
 * where servers differ: bare LF line ends, transport padding after a delimiter, a missing CRLF before the first
 * delimiter. A body that ends before its closing delimiter is an {@link EOFException} (a truncated download).
 */
public final class MultipartRelatedReader {
    /** One part: its headers (names in lower case) and its body. */
    public record Part(Map<String, String> headers, byte[] body) {
        public String contentType() { return headers.getOrDefault("content-type", ""); }
    }

    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final byte[] delimiter; // "\n--" + boundary; a preceding '\r' is dropped from the body
    private byte[] buf = new byte[CHUNK];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean finished;
    private final long maxPartBytes;

    public MultipartRelatedReader(InputStream in, String boundary) { this(in, boundary, Integer.MAX_VALUE - 16); }

    public MultipartRelatedReader(InputStream in, String boundary, long maxPartBytes) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
            throw new IllegalArgumentException("bad multipart boundary");
        }
        this.in = in;
        this.delimiter = ("\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.maxPartBytes = maxPartBytes;
        // pretend the body starts with a line end, so that a delimiter on the very first line is found like any other
        buf[0] = '\r';
        buf[1] = '\n';
        limit = 2;
    }

    /** The next part, or null after the closing delimiter. */
    public Part next() throws IOException {
        if (finished) return null;
        if (!skipPreambleOrPreviousBody()) return null;
        Map<String, String> headers = readHeaders();
        // a part's Content-Length is the sender's word: it sizes the buffer only up to the limit
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(initialSize(headers), Math.min(maxPartBytes, 1 << 30)));
        readUntilDelimiter(body);
        return new Part(headers, body.toByteArray());
    }

    /** Reads all remaining parts. */
    public List<Part> readAll() throws IOException {
        List<Part> parts = new ArrayList<>();
        for (Part p = next(); p != null; p = next()) parts.add(p);
        return parts;
    }

    private boolean started;

    // Before the first part: discard the preamble up to the first delimiter. Then: decide whether the delimiter just
    // consumed closes the body ("--") or opens a part (line end after optional padding).
    private boolean skipPreambleOrPreviousBody() throws IOException {
        if (!started) {
            started = true;
            readUntilDelimiter(null);
        }
        if (!ensure(2)) throw new EOFException("multipart body ended right after a boundary");
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return false;
        }
        while (true) {
            if (!ensure(1)) throw new EOFException("multipart body ended inside a boundary line");
            byte b = buf[pos++];
            if (b == '\n') return true;
            if (b != ' ' && b != '\t' && b != '\r') throw new IOException("malformed multipart boundary line");
        }
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        while (true) {
            String line = readLine();
            if (line.isEmpty()) return headers;
            int colon = line.indexOf(':');
            if (colon <= 0) throw new IOException("malformed multipart part header");
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (!ensure(1)) throw new EOFException("multipart body ended inside part headers");
            byte b = buf[pos++];
            if (b == '\n') break;
            if (sb.length() > 8192) throw new IOException("multipart part header line too long");
            sb.append((char) (b & 0xff));
        }
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) == '\r') sb.setLength(n - 1);
        return sb.toString();
    }

    /** Copies bytes to {@code out} (or drops them when null) up to the next delimiter, and consumes the delimiter. */
    private void readUntilDelimiter(ByteArrayOutputStream out) throws IOException {
        long copied = 0;
        int dl = delimiter.length;
        while (true) {
            int hit = indexOfDelimiter();
            if (hit >= 0) {
                int end = hit > pos && buf[hit - 1] == '\r' ? hit - 1 : hit;
                copied += emit(out, pos, end, copied);
                pos = hit + dl;
                return;
            }
            // keep the last dl-1 bytes (and a possible '\r' before them): a delimiter may start there
            int safe = Math.max(pos, limit - dl);
            copied += emit(out, pos, safe, copied);
            pos = safe;
            if (!fill()) throw new EOFException("multipart body ended before its closing boundary (truncated download)");
        }
    }

    private long emit(ByteArrayOutputStream out, int from, int to, long copiedSoFar) throws IOException {
        int n = to - from;
        if (n <= 0) return 0;
        if (copiedSoFar + n > maxPartBytes) {
            throw new LimitExceededException("a multipart part is more than the " + ReadLimits.MAX_FILE_SIZE + " limit of "
                    + ReadLimits.size(maxPartBytes), ReadLimits.MAX_FILE_SIZE);
        }
        if (out != null) out.write(buf, from, n);
        return n;
    }

    private int indexOfDelimiter() {
        int dl = delimiter.length;
        int last = limit - dl;
        outer:
        for (int i = pos; i <= last; i++) {
            if (buf[i] != '\n') continue;
            for (int j = 1; j < dl; j++) if (buf[i + j] != delimiter[j]) continue outer;
            return i;
        }
        return -1;
    }

    /** Makes sure {@code n} unread bytes are buffered; false at end of stream. */
    private boolean ensure(int n) throws IOException {
        while (limit - pos < n) if (!fill()) return false;
        return true;
    }

    /** Reads more bytes, compacting (and if needed growing) the buffer; false at end of stream. */
    private boolean fill() throws IOException {
        if (eof) return false;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }

    private static int initialSize(Map<String, String> headers) {
        try {
            long n = Long.parseLong(headers.getOrDefault("content-length", "").trim());
            return (int) Math.min(Math.max(n, 32), 1 << 30);
        } catch (NumberFormatException e) {
            return 64 * 1024;
        }
    }

    /**
     * The boundary parameter of a Content-Type such as {@code multipart/related; type="application/dicom";
     * boundary="abc"} (quoted or not, any parameter order, case-insensitive name).
     */
    public static String boundaryOf(String contentType) throws IOException {
        String b = ContentTypes.parameter(contentType, "boundary");
        if (b == null || b.isEmpty()) throw new IOException("multipart answer without a boundary (Content-Type: " + contentType + ")");
        return b;
    }
}
