package org.pacscluster.pacs;

import org.pacscluster.io.InvalidSettingException;
import org.pacscluster.io.Secrets;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything needed to read from one PACS over DICOMweb, validated once. Build with {@link #builder(URI)} or, from
 * the command line's SOURCE plus environment and config file, with {@link PacsConfigLoader}.
 * {@link #toString()} never shows credentials.
 *
 * <ul>
 *   <li>{@code root}: the DICOMweb base URL (QIDO-RS and WADO-RS share it), e.g. {@code https://pacs/dicom-web/}.</li>
 *   <li>{@code credentials}: basic, bearer or none.</li>
 *   <li>{@code caFile}: optional PEM file of extra trusted CA certificates (the JDK trust store stays trusted).</li>
 *   <li>{@code filters}: QIDO-RS matching keys (keyword or tag → value), each sent at the level it belongs to.</li>
 *   <li>{@code limit}: at most this many instances in total (0 = all).</li>
 *   <li>{@code parallel}: at most this many downloads at once (default 4).</li>
 *   <li>{@code pageSize}: results asked per QIDO-RS request (default 100).</li>
 *   <li>{@code retry}: backoff policy for 5xx answers, timeouts and broken connections.</li>
 *   <li>{@code connectTimeout}, {@code requestTimeout}: per connection and per whole request (headers and body).</li>
 *   <li>{@code warnings}: where retry notices go (default stderr); they never contain credentials.</li>
 * </ul>
 */
public final class PacsConfig {
    private final URI root;
    private final PacsCredentials credentials;
    private final Path caFile;
    private final Map<String, String> filters;
    private final long limit;
    /** Downloads at once unless set. */
    public static final int DEFAULT_PARALLEL = 4;

    private final int parallel;
    private final int pageSize;
    private final RetryPolicy retry;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Consumer<String> warnings;

    private PacsConfig(Builder b) {
        this.root = b.root;
        this.credentials = b.credentials;
        this.caFile = b.caFile;
        this.filters = Collections.unmodifiableMap(new LinkedHashMap<>(b.filters));
        this.limit = b.limit;
        this.parallel = b.parallel;
        this.pageSize = b.pageSize;
        this.retry = b.retry;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.warnings = b.warnings;
    }

    public static Builder builder(URI root) { return new Builder(root); }

    /** A builder pre-filled with this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder(root).optCredentials(credentials).optLimit(limit).optParallel(parallel)
                .optPageSize(pageSize).optRetry(retry).optTimeouts(connectTimeout, requestTimeout).optWarnings(warnings);
        if (caFile != null) b.optCaFile(caFile);
        filters.forEach(b::optFilter);
        return b;
    }

    public URI root() { return root; }
    public PacsCredentials credentials() { return credentials; }
    public Optional<Path> caFile() { return Optional.ofNullable(caFile); }
    public Map<String, String> filters() { return filters; }
    public long limit() { return limit; }
    public int parallel() { return parallel; }
    public int pageSize() { return pageSize; }
    public RetryPolicy retry() { return retry; }
    public Duration connectTimeout() { return connectTimeout; }
    public Duration requestTimeout() { return requestTimeout; }
    public Consumer<String> warnings() { return warnings; }

    /** The source as users wrote it, for messages and provenance: {@code dicomweb+<root>}. */
    public String describe() { return "dicomweb+" + root; }

    @Override
    public String toString() {
        return "PacsConfig[root=" + root + ", auth=" + credentials.describe() + (caFile == null ? "" : ", caFile=" + caFile)
                + ", filters=" + filters + ", limit=" + limit + ", parallel=" + parallel + ", pageSize=" + pageSize
                + ", retry=" + retry + "]";
    }

    /** Validating builder; {@code opt*} setters are optional. */
    public static final class Builder {
        private final URI root;
        private PacsCredentials credentials = PacsCredentials.NONE;
        private Path caFile;
        private final Map<String, String> filters = new LinkedHashMap<>();
        private long limit;
        private int parallel = DEFAULT_PARALLEL;
        private int pageSize = 100;
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofMinutes(5);
        private Consumer<String> warnings = msg -> System.err.println("warning: " + msg);

        private Builder(URI root) { this.root = normaliseRoot(root); }

        public Builder optCredentials(PacsCredentials c) { this.credentials = Objects.requireNonNull(c); return this; }

        public Builder optCaFile(Path file) { this.caFile = Objects.requireNonNull(file); return this; }

        /** Adds a QIDO-RS matching key, e.g. {@code ("Modality", "CT")} or {@code ("00080060", "CT")}. */
        public Builder optFilter(String key, String value) {
            filters.put(QueryLevel.checkKey(key), Objects.requireNonNull(value, "filter value"));
            return this;
        }

        public Builder optLimit(long n) {
            if (n < 0) throw new InvalidSettingException("limit", "must be >= 0 (0 = all), got " + n);
            this.limit = n;
            return this;
        }

        public Builder optParallel(int n) {
            if (n < 1 || n > 64) throw new InvalidSettingException("parallel", "must be in 1..64, got " + n);
            this.parallel = n;
            return this;
        }

        public Builder optPageSize(int n) {
            if (n < 1 || n > 10_000) throw new IllegalArgumentException("QIDO page size must be in 1..10000, got " + n);
            this.pageSize = n;
            return this;
        }

        public Builder optRetry(RetryPolicy p) { this.retry = Objects.requireNonNull(p); return this; }

        public Builder optTimeouts(Duration connect, Duration request) {
            if (connect.isNegative() || connect.isZero() || request.isNegative() || request.isZero()) {
                throw new IllegalArgumentException("PACS timeouts must be positive");
            }
            this.connectTimeout = connect;
            this.requestTimeout = request;
            return this;
        }

        public Builder optWarnings(Consumer<String> sink) { this.warnings = Objects.requireNonNull(sink); return this; }

        public PacsConfig build() { return new PacsConfig(this); }
    }

    /**
     * http(s), a host, no user info (credentials never travel in URLs), no query; path ends with '/'. The URL is
     * the user's text and may hold a secret: it appears in a message only through {@link Secrets#redact}. User info
     * is looked for in the raw authority, since java.net.URI leaves it unparsed where the host is not a valid
     * name (a '_' in it, or an '@' in the password).
     */
    static URI normaliseRoot(URI uri) {
        Objects.requireNonNull(uri, "PACS URL");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("PACS URL must start with http:// or https:// (as dicomweb+http(s)://HOST/ROOT)");
        }
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        if (uri.getRawUserInfo() != null || authority.contains("@")) {
            throw new IllegalArgumentException("PACS URL must not contain credentials (" + Secrets.redact(uri.toString())
                    + "); use PACSCLUSTER_PACS_USER/PACSCLUSTER_PACS_PASSWORD, PACSCLUSTER_PACS_TOKEN or a PACS config file");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("PACS URL has no valid host name (letters, digits, '-' and '.'; no '_'): "
                    + Secrets.redact(uri.toString()));
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("PACS URL must not have a query or fragment (give the QIDO matching keys as"
                    + " query settings, credentials in the environment or a config file): " + Secrets.redact(uri.toString()));
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!path.endsWith("/")) path += "/";
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }
}
