package org.pacscluster.pacs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults a real PACS will not produce on demand (a 503 burst, a body cut mid-transfer, a server-capped page, a
 * server refusing transfer-syntax=*, an unknown TLS CA), from a small local HTTP server that records every request.
 * Orthanc-based tests cover the rest.
 */
class DicomWebClientFaultTest {
    record Seen(String method, String path, String query, String accept, String auth) {}

    final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    HttpServer server;

    interface Handler { void handle(HttpExchange ex, int call) throws IOException; }

    URI serve(Handler h) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/", ex -> {
            seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(),
                    ex.getRequestHeaders().getFirst("Accept"), ex.getRequestHeaders().getFirst("Authorization")));
            try (ex) {
                h.handle(ex, calls.incrementAndGet());
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/dw");
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
        for (Seen s : seen) assertEquals("GET", s.method(), "the client only ever reads");
    }

    PacsConfig.Builder config(URI root) {
        return PacsConfig.builder(root).optCredentials(PacsCredentials.bearer("tok-123"))
                .optRetry(new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(40))).optWarnings(warnings::add);
    }

    static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) ex.getResponseHeaders().add("Content-Type", contentType);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) ex.getResponseBody().write(body);
    }

    static String studies(int from, int n) {
        List<String> items = new ArrayList<>();
        for (int i = from; i < from + n; i++) items.add("{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"1.2." + i + "\"]}}");
        return "[" + String.join(",", items) + "]";
    }

    static byte[] multipart(String boundary, byte[] dicom) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(dicom);
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void serverErrorsAreRetriedWithBackoffAndTheRequestIsAPlainAuthenticatedGet() throws Exception {
        URI root = serve((ex, call) -> {
            if (call <= 2) send(ex, 503, "text/plain", "busy".getBytes());
            else send(ex, 200, "application/dicom+json", studies(0, 2).getBytes());
        });
        try (DicomWebClient c = new DicomWebClient(config(root).build())) {
            DicomWebClient.QidoPage p = c.search("studies", Map.of("StudyDescription", "knee mri*"), 2, 40);
            assertEquals(2, p.results().size());
            assertEquals(3, c.requestCount());
        }
        assertEquals(2, warnings.size(), "one notice per retry: " + warnings);
        assertTrue(warnings.get(0).contains("HTTP 503"), warnings.get(0));
        Seen s = seen.peek();
        assertEquals("/dw/studies", s.path());
        assertEquals("limit=2&offset=40&StudyDescription=knee%20mri*", s.query());
        assertEquals("Bearer tok-123", s.auth());
        assertTrue(s.accept().startsWith("application/dicom+json"), s.accept());
    }

    @Test
    void aBodyCutMidTransferIsFetchedAgainAndTheOriginalSyntaxIsAskedFor() throws Exception {
        byte[] dicom = new byte[300_000];
        new java.util.Random(2).nextBytes(dicom);
        byte[] whole = multipart("b0und", dicom);
        URI root = serve((ex, call) -> {
            ex.getResponseHeaders().add("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=b0und");
            if (call == 1) {
                ex.sendResponseHeaders(200, whole.length); // promises everything, sends half, hangs up
                OutputStream o = ex.getResponseBody();
                o.write(whole, 0, whole.length / 2);
                o.flush();
                throw new IOException("simulated connection drop");
            }
            ex.sendResponseHeaders(200, whole.length);
            ex.getResponseBody().write(whole);
        });
        try (DicomWebClient c = new DicomWebClient(config(root).build())) {
            assertArrayEquals(dicom, c.retrieveInstance(new InstanceRef("1.2", "1.2.3", "1.2.3.4")));
            assertEquals(2, c.requestCount());
        }
        for (Seen s : seen) {
            assertEquals("/dw/studies/1.2/series/1.2.3/instances/1.2.3.4", s.path());
            assertEquals(DicomWebClient.ACCEPT_ORIGINAL, s.accept());
        }
    }

    @Test
    void aServerThatRefusesTransferSyntaxStarIsAskedAgainWithoutIt() throws Exception {
        byte[] dicom = "DICM-ish bytes".getBytes(StandardCharsets.US_ASCII);
        URI root = serve((ex, call) -> {
            if (ex.getRequestHeaders().getFirst("Accept").contains("transfer-syntax=*")) send(ex, 406, null, new byte[0]);
            else send(ex, 200, "multipart/related; boundary=zz; type=\"application/dicom\"", multipart("zz", dicom));
        });
        try (DicomWebClient c = new DicomWebClient(config(root).build())) {
            assertArrayEquals(dicom, c.retrieveInstance(new InstanceRef("1", "2", "3")));
        }
        assertEquals(2, seen.size());
    }

    @Test
    void aPageCutShortByTheServerIsFollowedByTheNextPage() throws Exception {
        // a server capping answers at 3 results flags it with a Warning header; paging must go on
        URI root = serve((ex, call) -> {
            String q = ex.getRequestURI().getRawQuery();
            int offset = Integer.parseInt(q.replaceAll(".*offset=(\\d+).*", "$1"));
            if (ex.getRequestURI().getPath().endsWith("/studies")) {
                int n = Math.max(0, Math.min(3, 7 - offset));
                if (n == 3) ex.getResponseHeaders().add("Warning", "299 pacs: \"result truncated\"");
                send(ex, 200, "application/dicom+json", studies(offset, n).getBytes());
            } else {
                send(ex, 204, null, new byte[0]); // no series: we only count studies here
            }
        });
        try (DicomWebClient c = new DicomWebClient(config(root).optPageSize(100).build())) {
            assertFalse(new InstanceLister(c).hasNext());
        }
        long studyPages = seen.stream().filter(s -> s.path().endsWith("/studies")).count();
        long seriesSearches = seen.stream().filter(s -> s.path().endsWith("/series")).count();
        assertEquals(3, studyPages, "3 + 3 + 1 studies");
        assertEquals(7, seriesSearches, "every study's series searched once");
    }

    @Test
    void aForbiddenAnswerIsNotRetriedAndEndsEveryLaterRequestAtOnce() throws Exception {
        URI root = serve((ex, call) -> send(ex, 403, "text/plain", "no".getBytes()));
        try (DicomWebClient c = new DicomWebClient(config(root).build())) {
            PacsAccessDeniedException e = assertThrows(PacsAccessDeniedException.class, () -> c.search("studies", Map.of(), 5, 0));
            assertTrue(e.getMessage().contains("HTTP 403 Forbidden, bearer token"), e.getMessage());
            assertFalse(e.getMessage().contains("tok-123"));
            assertThrows(PacsAccessDeniedException.class, () -> c.retrieveInstance(new InstanceRef("1", "2", "3")));
            assertEquals(1, c.requestCount());
        }
    }

    @Test
    void httpsWorksWithAGivenCaFileAndFailsWithoutIt(@TempDir Path tmp) throws Exception {
        Path ca = tmp.resolve("ca.pem"), p12 = tmp.resolve("server.p12");
        Assumptions.assumeTrue(makeCertificates(tmp, ca, p12), "openssl is needed to make test certificates");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        https.createContext("/", ex -> {
            try (ex) {
                send(ex, 200, "application/dicom+json", studies(0, 1).getBytes());
            }
        });
        https.start();
        server = https;
        URI root = URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/dw");
        try (DicomWebClient trusting = new DicomWebClient(config(root).optCaFile(ca).build())) {
            assertEquals(1, trusting.search("studies", Map.of(), 1, 0).results().size());
        }
        try (DicomWebClient jdkOnly = new DicomWebClient(config(root).optRetry(new RetryPolicy(1, Duration.ZERO, Duration.ZERO)).build())) {
            PacsException e = assertThrows(PacsException.class, () -> jdkOnly.search("studies", Map.of(), 1, 0));
            assertTrue(e.getMessage().contains("CA certificate as a CA file"), e.getMessage());
        }
        // a certificate for another host name is refused even when its CA is trusted
        URI wrongName = URI.create("https://localhost:" + https.getAddress().getPort() + "/dw");
        try (DicomWebClient c = new DicomWebClient(config(wrongName).optCaFile(ca).optRetry(new RetryPolicy(1, Duration.ZERO, Duration.ZERO)).build())) {
            assertThrows(PacsException.class, () -> c.search("studies", Map.of(), 1, 0));
        }
    }

    /** A CA and a server certificate for IP 127.0.0.1 signed by it, made with openssl. */
    static boolean makeCertificates(Path dir, Path caPem, Path serverP12) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/openssl"))) return false;
        String d = dir.toString();
        Files.writeString(dir.resolve("ext.cnf"), "subjectAltName=IP:127.0.0.1\n");
        String[][] cmds = {
            {"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", d + "/ca.key", "-out", caPem.toString(),
                "-days", "2", "-subj", "/CN=pacscluster test CA"},
            {"openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", d + "/srv.key", "-out", d + "/srv.csr", "-subj", "/CN=127.0.0.1"},
            {"openssl", "x509", "-req", "-in", d + "/srv.csr", "-CA", caPem.toString(), "-CAkey", d + "/ca.key",
                "-CAcreateserial", "-out", d + "/srv.crt", "-days", "2", "-extfile", d + "/ext.cnf"},
            {"openssl", "pkcs12", "-export", "-in", d + "/srv.crt", "-inkey", d + "/srv.key", "-out", serverP12.toString(),
                "-passout", "pass:changeit"},
        };
        for (String[] c : cmds) {
            Process p = new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) throw new IOException("openssl failed: " + String.join(" ", c));
        }
        return true;
    }
}
