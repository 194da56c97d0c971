package org.pacscluster.pacs;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.pacscluster.io.LimitExceededException;
import org.pacscluster.io.ReadLimits;
import org.pacscluster.io.Secrets;

/**
 * A read-only DICOMweb client: QIDO-RS searches (one page at a time) and WADO-RS retrieval of an instance's original
 * bytes. Every request is a GET built in one place ({@link #get}); nothing here can write to the PACS.
 * Failures: 401/403 end at once with {@link PacsAccessDeniedException}; 5xx, 408, 429, timeouts and broken or refused
 * connections are retried with {@link RetryPolicy}; anything else is a {@link PacsException}, not retried — also an
 * answer that is not the JSON asked for (a proxy's HTML page) and one over a {@link ReadLimits} limit
 * ({@link LimitExceededException}), since asking again brings the same bytes. Thread-safe; at most
 * {@link PacsConfig#parallel()} retrievals run at once.
 */
public final class DicomWebClient implements AutoCloseable {
    /** Asks for the instance exactly as stored: servers transcode otherwise (and cannot always, e.g. JPEG 2000). */
    static final String ACCEPT_ORIGINAL = "multipart/related; type=\"application/dicom\"; transfer-syntax=*";
    /** For servers that reject {@code transfer-syntax=*} with 406: whatever they choose to send. */
    static final String ACCEPT_ANY_SYNTAX = "multipart/related; type=\"application/dicom\"";
    static final String ACCEPT_JSON = "application/dicom+json, application/json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PacsConfig config;
    private final HttpClient http;
    private final Semaphore downloads;
    private final ScheduledExecutorService deadlines;
    // once the PACS has refused our credentials or stayed down through all retries, later requests fail at once:
    // an ingest then ends in seconds (and resumes on the next run) instead of waiting out retries for every image
    private volatile PacsException givenUp;
    // observability for tests and the ingest summary: HTTP requests sent, downloads running now and at most
    private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger activeDownloads = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger peakDownloads = new java.util.concurrent.atomic.AtomicInteger();

    public DicomWebClient(PacsConfig config) throws IOException {
        this.config = config;
        HttpClient.Builder b = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                // never follow redirects: the Authorization header must not travel to another host
                .followRedirects(HttpClient.Redirect.NEVER)
                // HTTP/1.1: plain-http servers and proxies often choke on the h2c upgrade
                .version(HttpClient.Version.HTTP_1_1);
        if (config.caFile().isPresent()) b.sslContext(TlsContexts.withExtraCa(config.caFile().get()));
        this.http = b.build();
        this.downloads = new Semaphore(config.parallel(), true);
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pacs-deadlines");
            t.setDaemon(true);
            return t;
        });
    }

    public PacsConfig config() { return config; }

    /** One page of QIDO-RS results, and whether the server said it cut the answer short (a Warning header). */
    public record QidoPage(List<JsonNode> results, boolean truncatedByServer) {}

    /**
     * A QIDO-RS search: {@code path} is "studies", "studies/{uid}/series" or ".../instances"; the filters are
     * matching keys; {@code limit}/{@code offset} page through the matches.
     */
    public QidoPage search(String path, Map<String, String> filters, int limit, int offset) throws IOException {
        StringBuilder q = new StringBuilder(path).append("?limit=").append(limit).append("&offset=").append(offset);
        filters.forEach((k, v) -> q.append('&').append(encode(k)).append('=').append(encode(v)));
        String what = "QIDO-RS search of " + lastSegment(path) + " (offset " + offset + ")";
        try {
            return get(resolve(q.toString()), ACCEPT_JSON, what, (status, contentType, warning, body) -> {
                if (status == 204) return new QidoPage(List.of(), false);
                return new QidoPage(readResults(body, what, status), warning != null);
            });
        } catch (LimitExceededException e) {
            throw new PacsException("PACS at " + config.root() + ": " + e.getMessage(), 200, e);
        }
    }

    /**
     * The objects of a QIDO-RS JSON array, parsed one at a time so that an answer that never ends is cut at the
     * max-qido-results limit (its bytes are held to max-file-size by {@link #get}). Bytes that are not the JSON
     * array asked for are the server's fault, not the network's: a {@link PacsException} that is not retried.
     */
    private List<JsonNode> readResults(InputStream body, String what, int status) throws IOException {
        long max = ReadLimits.current().maxQidoResults();
        List<JsonNode> results = new ArrayList<>();
        try (JsonParser p = JSON.getFactory().createParser(body)) {
            JsonToken t = p.nextToken();
            if (t == null) return results;
            if (t != JsonToken.START_ARRAY) {
                throw new PacsException("PACS at " + config.root() + " answered a " + what + " with JSON that is not an array", status);
            }
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) throw new JsonParseException(p, "the array is not closed");
                if (results.size() >= max) {
                    throw new LimitExceededException("the answer to a " + what + " has more than " + max + " results (the "
                            + ReadLimits.MAX_QIDO_RESULTS + " limit)", ReadLimits.MAX_QIDO_RESULTS);
                }
                results.add(JSON.readTree(p));
            }
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            throw new PacsException("PACS at " + config.root() + " answered a " + what + " with malformed JSON ("
                    + m.lines().findFirst().orElse(m) + ")", status, e);
        }
        return results;
    }

    /** WADO-RS: the instance's bytes as stored on the PACS (a DICOM Part-10 file). */
    public byte[] retrieveInstance(InstanceRef ref) throws IOException {
        try {
            downloads.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a download slot");
        }
        peakDownloads.accumulateAndGet(activeDownloads.incrementAndGet(), Math::max);
        try {
            try {
                return retrieve(ref, ACCEPT_ORIGINAL);
            } catch (PacsException e) {
                if (e.status() != 406) throw e;
                return retrieve(ref, ACCEPT_ANY_SYNTAX);
            }
        } finally {
            activeDownloads.decrementAndGet();
            downloads.release();
        }
    }

    private byte[] retrieve(InstanceRef ref, String accept) throws IOException {
        return get(resolve(ref.path()), accept, "WADO-RS retrieval of an instance", (status, contentType, warning, body) -> {
            String media = ContentTypes.mediaType(contentType);
            if (media.equals("application/dicom")) return body.readAllBytes();   // held to max-file-size by get
            if (!media.startsWith("multipart/")) {
                throw new PacsException("PACS answered a WADO-RS retrieval with " + (media.isEmpty() ? "no Content-Type" : media)
                        + " instead of multipart/related", status);
            }
            MultipartRelatedReader parts = new MultipartRelatedReader(body, MultipartRelatedReader.boundaryOf(contentType),
                    ReadLimits.current().maxFileBytes());
            byte[] first = null;
            for (MultipartRelatedReader.Part p = parts.next(); p != null; p = parts.next()) {
                String partType = ContentTypes.mediaType(p.contentType());
                if (first == null && (partType.isEmpty() || partType.equals("application/dicom"))) first = p.body();
            }
            if (first == null) throw new PacsException("PACS sent no application/dicom part for an instance", status);
            return first;
        });
    }

    /** Reads a successful answer; may throw {@link IOException} for a broken body (which is retried). */
    @FunctionalInterface
    interface AnswerReader<T> {
        T read(int status, String contentType, String warning, InputStream body) throws IOException;
    }

    /** The only way this class talks to the PACS: GET, with retries. */
    private <T> T get(URI uri, String accept, String what, AnswerReader<T> reader) throws IOException {
        PacsException stop = givenUp;
        if (stop != null) throw stop instanceof PacsAccessDeniedException d
                ? new PacsAccessDeniedException(d.getMessage(), d.status())
                : new PacsException(stop.getMessage(), stop.status(), stop);
        try {
            return getWithRetries(uri, accept, what, reader);
        } catch (PacsException e) {
            // not for an HTTP error: a 500 on one broken instance must not stop the others
            if (e instanceof PacsAccessDeniedException || e.status() < 0) givenUp = e;
            throw e;
        }
    }

    private <T> T getWithRetries(URI uri, String accept, String what, AnswerReader<T> reader) throws IOException {
        RetryPolicy retry = config.retry();
        IOException last = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            try {
                return getOnce(uri, accept, what, reader);
            } catch (LimitExceededException e) {
                throw e; // the same bytes would come again
            } catch (PacsException e) {
                if (!retryable(e.status())) throw e;
                last = e;
            } catch (InterruptedIOException e) {
                if (Thread.currentThread().isInterrupted()) throw e;
                last = e; // a socket-level timeout, not an interrupt of this thread
            } catch (javax.net.ssl.SSLHandshakeException e) {
                if (untrustedCertificate(e)) {
                    throw new PacsException("PACS at " + config.root() + " presented a TLS certificate that is not trusted ("
                            + rootCause(e) + "): give its CA certificate as a CA file (ca-file= in the PACS config file)", -1, e);
                }
                last = e;
            } catch (IOException e) {
                last = e;
            }
            if (attempt < retry.maxAttempts()) {
                Duration wait = retry.delayAfter(attempt, ThreadLocalRandom.current());
                config.warnings().accept(Secrets.redact(String.format(Locale.ROOT, "%s failed (%s); try %d of %d in %.1f s",
                        what, reason(last), attempt + 1, retry.maxAttempts(), wait.toMillis() / 1000.0)));
                pause(wait);
            }
        }
        int status = last instanceof PacsException p ? p.status() : -1;
        throw new PacsException("PACS at " + config.root() + " failed after " + retry.maxAttempts() + " tries of a "
                + what + ": " + reason(last), status, last);
    }

    private <T> T getOnce(URI uri, String accept, String what, AnswerReader<T> reader) throws IOException {
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).GET().timeout(config.requestTimeout()).header("Accept", accept);
        config.credentials().authorizationHeader().ifPresent(h -> rb.header("Authorization", h));
        HttpResponse<InputStream> resp;
        long start = System.nanoTime();
        requests.incrementAndGet();
        try {
            resp = http.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during a " + what);
        }
        InputStream raw = resp.body();
        // the request timeout covers only the headers: a body that stalls is cut at the same deadline
        long left = config.requestTimeout().toNanos() - (System.nanoTime() - start);
        ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(raw), Math.max(left, 1), TimeUnit.NANOSECONDS);
        // and a body that never ends is cut at the max-file-size limit, whatever its Content-Length says
        try (InputStream body = ReadLimits.current().bounded(raw, Long.MAX_VALUE, "the answer to a " + what)) {
            int status = resp.statusCode();
            if (status == 401 || status == 403) {
                throw new PacsAccessDeniedException("PACS at " + config.root() + " refused access (HTTP " + status
                        + (status == 401 ? " Unauthorized" : " Forbidden") + ", " + config.credentials().describe()
                        + "): check PACSCLUSTER_PACS_USER/PACSCLUSTER_PACS_PASSWORD, PACSCLUSTER_PACS_TOKEN or the PACS config file", status);
            }
            if (status / 100 == 3) {
                throw new PacsException("PACS redirected a " + what + " (HTTP " + status + ") to "
                        + Secrets.redact(resp.headers().firstValue("Location").orElse("?")) + "; give that URL as the source", status);
            }
            if (status != 200 && status != 204 && status != 206) {
                throw new PacsException("PACS answered a " + what + " with HTTP " + status, status);
            }
            return reader.read(status, resp.headers().firstValue("Content-Type").orElse(""),
                    resp.headers().firstValue("Warning").orElse(null), body);
        } finally {
            deadline.cancel(false);
        }
    }

    private static boolean retryable(int status) {
        return status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
    }

    private static String reason(IOException e) {
        if (e == null) return "unknown error";
        if (e instanceof PacsException p && p.status() > 0) return "HTTP " + p.status();
        if (e instanceof java.net.http.HttpTimeoutException) return "timed out";
        if (e instanceof java.net.ConnectException) return "connection refused or unreachable";
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m.lines().findFirst().orElse(""));
    }

    // a certificate problem does not pass by retrying, unlike a handshake cut by a network fault
    private static boolean untrustedCertificate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException || t instanceof java.security.GeneralSecurityException) return true;
        }
        return false;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    private static void pause(Duration d) throws InterruptedIOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry a PACS request");
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is how the deadline cuts a stalled body; nothing more to do
        }
    }

    private URI resolve(String relative) { return config.root().resolve(relative); }

    private static String lastSegment(String path) {
        int q = path.lastIndexOf('/');
        return q < 0 ? path : path.substring(q + 1);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** HTTP requests sent so far (each try counts). */
    public long requestCount() { return requests.get(); }

    /** The most retrievals that ran at the same time so far (never above {@link PacsConfig#parallel()}). */
    public int peakParallelDownloads() { return peakDownloads.get(); }

    /** The first value of an attribute in a DICOM JSON data set (tag as 8 hex digits), or null. */
    public static String firstString(JsonNode dataset, String tag) {
        JsonNode v = dataset.path(tag.toUpperCase(Locale.ROOT)).path("Value");
        if (!v.isArray() || v.isEmpty()) return null;
        JsonNode first = v.get(0);
        return first.isValueNode() ? first.asText() : null;
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
    }
}
