package org.pacscluster.pacs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartRelatedReaderTest {
    static final String BOUNDARY = "1a833013-7c99-4e34";

    /** Hands out the bytes a few at a time, like a slow network: delimiters end up split across reads. */
    static InputStream trickle(byte[] data, long seed) {
        Random r = new Random(seed);
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + r.nextInt(7)));
            }
        };
    }

    static byte[] body(String lineEnd, byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("preamble to ignore" + lineEnd).getBytes(StandardCharsets.US_ASCII));
        for (byte[] p : parts) {
            out.write(("--" + BOUNDARY + "  " + lineEnd + "Content-Type: application/dicom" + lineEnd
                    + "Content-Length: " + p.length + lineEnd + lineEnd).getBytes(StandardCharsets.US_ASCII));
            out.write(p);
            out.write(lineEnd.getBytes(StandardCharsets.US_ASCII));
        }
        out.write(("--" + BOUNDARY + "--" + lineEnd + "epilogue").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Binary part bodies, including bytes that look like the start of a delimiter. */
    static byte[][] tricky() {
        byte[] random = new byte[200_000];
        new Random(1).nextBytes(random);
        byte[] nearMiss = ("\r\n--" + BOUNDARY.substring(0, 10) + "X\r\n--\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] endsWithCr = {1, 2, 3, '\r'};
        return new byte[][] {random, nearMiss, new byte[0], endsWithCr};
    }

    @Test
    void readsEveryPartExactlyWhateverTheReadSizes() throws IOException {
        byte[][] parts = tricky();
        for (long seed = 0; seed < 20; seed++) {
            MultipartRelatedReader r = new MultipartRelatedReader(trickle(body("\r\n", parts), seed), BOUNDARY);
            List<MultipartRelatedReader.Part> got = r.readAll();
            assertEquals(parts.length, got.size());
            for (int i = 0; i < parts.length; i++) {
                assertArrayEquals(parts[i], got.get(i).body(), "part " + i + " seed " + seed);
                assertEquals("application/dicom", got.get(i).contentType());
                assertEquals(String.valueOf(parts[i].length), got.get(i).headers().get("content-length"));
            }
            assertNull(r.next(), "nothing after the closing delimiter");
        }
    }

    @Test
    void toleratesBareLineFeedsAndNoPreamble() throws IOException {
        byte[] a = "first".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "second\r\nwith a CRLF inside".getBytes(StandardCharsets.US_ASCII);
        byte[] lf = body("\n", a, b);
        List<MultipartRelatedReader.Part> got = new MultipartRelatedReader(trickle(lf, 3), BOUNDARY).readAll();
        assertArrayEquals(a, got.get(0).body());
        assertArrayEquals(b, got.get(1).body());

        String noPreamble = "--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\nxyz\r\n--" + BOUNDARY + "--";
        got = new MultipartRelatedReader(new ByteArrayInputStream(noPreamble.getBytes(StandardCharsets.US_ASCII)), BOUNDARY).readAll();
        assertEquals(1, got.size());
        assertArrayEquals("xyz".getBytes(StandardCharsets.US_ASCII), got.get(0).body());
    }

    @Test
    void aTruncatedBodyIsAnEofNotAShorterPart() throws IOException {
        byte[] full = body("\r\n", tricky());
        for (int cut : new int[] {10, 60, 150_000, full.length - 12, full.length - 14}) {
            MultipartRelatedReader r = new MultipartRelatedReader(trickle(Arrays.copyOf(full, cut), cut), BOUNDARY);
            assertThrows(EOFException.class, r::readAll, "cut at " + cut);
        }
    }

    @Test
    void boundaryIsTakenFromTheContentTypeQuotedOrNot() throws IOException {
        assertEquals("abc", MultipartRelatedReader.boundaryOf("multipart/related; type=\"application/dicom\"; boundary=abc"));
        assertEquals("a b;c", MultipartRelatedReader.boundaryOf("multipart/related;BOUNDARY=\"a b;c\";type=\"application/dicom\""));
        assertEquals("x\"y", MultipartRelatedReader.boundaryOf("multipart/related; boundary=\"x\\\"y\""));
        assertEquals("tok", MultipartRelatedReader.boundaryOf("Multipart/Related ; type=application/dicom ; boundary = tok "));
        assertThrows(IOException.class, () -> MultipartRelatedReader.boundaryOf("multipart/related; type=\"application/dicom\""));
        assertEquals("multipart/related", ContentTypes.mediaType("Multipart/Related; boundary=x"));
    }
}
