package org.pacscluster.pacs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Orthanc (Debian packages {@code orthanc} + {@code orthanc-dicomweb}) for tests: loopback only, free ports,
 * its own storage folder, a registered user with a random password, authentication on, the DICOMweb plugin at
 * {@code /dicom-web/}. Tests may upload to it through the REST API (the tool itself only ever reads).
 * Stopping and starting again keeps the storage, as a real PACS restart does.
 */
final class OrthancServer implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/Orthanc");
    static final Path DICOMWEB_PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");
    static final String USER = "pacs-reader";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final String password;
    private final int httpPort;
    private final int dicomPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private Process process;

    /**
     * Skips the calling test when Orthanc is not installed; fails instead under CI ({@code PACSCLUSTER_CI=1}),
     * where .ci/run installs it and a silent skip would hide a broken set-up.
     */
    static void assumeInstalled() {
        boolean ok = Files.isExecutable(BINARY) && Files.isRegularFile(DICOMWEB_PLUGIN);
        String why = "Orthanc with the DICOMweb plugin is not installed (apt-get install orthanc orthanc-dicomweb)";
        if (!ok && "1".equals(System.getenv("PACSCLUSTER_CI"))) Assertions.fail(why + ", but PACSCLUSTER_CI=1");
        Assumptions.assumeTrue(ok, why);
    }

    /** Starts a fresh Orthanc whose files live under {@code dir}. */
    static OrthancServer start(Path dir) throws IOException, InterruptedException {
        byte[] rnd = new byte[12];
        new SecureRandom().nextBytes(rnd);
        OrthancServer s = new OrthancServer(dir, "pw-" + HexFormat.of().formatHex(rnd), freePort(), freePort());
        s.writeConfig();
        s.startProcess();
        return s;
    }

    private OrthancServer(Path dir, String password, int httpPort, int dicomPort) {
        this.dir = dir;
        this.password = password;
        this.httpPort = httpPort;
        this.dicomPort = dicomPort;
    }

    String password() { return password; }

    URI dicomWebRoot() { return URI.create("http://127.0.0.1:" + httpPort + "/dicom-web/"); }

    URI restBase() { return URI.create("http://127.0.0.1:" + httpPort + "/"); }

    PacsCredentials credentials() { return PacsCredentials.basic(USER, password); }

    private void writeConfig() throws IOException {
        Path storage = Files.createDirectories(dir.resolve("storage"));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("Name", "pacscluster-test");
        c.put("StorageDirectory", storage.toString());
        c.put("IndexDirectory", storage.toString());
        c.put("HttpPort", httpPort);
        c.put("DicomPort", dicomPort);
        c.put("DicomServerEnabled", false);
        c.put("RemoteAccessAllowed", true);
        c.put("AuthenticationEnabled", true);
        c.put("RegisteredUsers", Map.of(USER, password));
        c.put("HttpCompressionEnabled", false);
        c.put("Plugins", List.of(DICOMWEB_PLUGIN.toString()));
        c.put("DicomWeb", Map.of("Enable", true, "Root", "/dicom-web/"));
        Files.writeString(dir.resolve("orthanc.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(c));
    }

    /** (Re)starts the process on the same ports and storage, and waits until its REST API answers. */
    void startProcess() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) return;
        process = new ProcessBuilder(BINARY.toString(), dir.resolve("orthanc.json").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("orthanc.log").toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Orthanc exited at start (code " + process.exitValue() + "); log: " + logTail());
            }
            try {
                if (rest("GET", "system", null).statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IOException("Orthanc did not answer within 20 s; log: " + logTail());
    }

    /** Kills the process at once (SIGKILL), as a crash or a pulled plug would. */
    void kill() throws InterruptedException {
        if (process == null) return;
        process.destroyForcibly();
        process.waitFor();
    }

    private String logTail() throws IOException {
        Path log = dir.resolve("orthanc.log");
        if (!Files.exists(log)) return "(none)";
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    /** One uploaded file: where it came from, and the instance Orthanc stored (or already had). */
    record Upload(Path file, String status, String orthancId, InstanceRef ref) {}

    /**
     * Uploads every regular file under {@code folder} in sorted path order (the order a folder ingest reads them,
     * so that for two files with one SOPInstanceUID both keep the same, first, one). Files Orthanc refuses (not
     * DICOM, DICOMDIR) are left out of the answer.
     */
    List<Upload> uploadFolder(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(folder)) {
            files = s.filter(Files::isRegularFile).map(Path::toAbsolutePath).sorted(
                    (a, b) -> a.toString().compareTo(b.toString())).toList();
        }
        List<Upload> out = new ArrayList<>();
        for (Path f : files) {
            HttpResponse<String> r = rest("POST", "instances", Files.readAllBytes(f));
            if (r.statusCode() != 200) continue;
            JsonNode j = JSON.readTree(r.body());
            JsonNode tags = JSON.readTree(rest("GET", "instances/" + j.path("ID").asText() + "/tags?simplify", null).body());
            out.add(new Upload(f, j.path("Status").asText(), j.path("ID").asText(), new InstanceRef(tags.path("StudyInstanceUID").asText(),
                    tags.path("SeriesInstanceUID").asText(), tags.path("SOPInstanceUID").asText())));
        }
        return out;
    }

    /** GET of Orthanc's own REST API, parsed (an independent view of what the PACS holds). */
    JsonNode restJson(String path) throws IOException {
        HttpResponse<String> r = rest("GET", path, null);
        if (r.statusCode() != 200) throw new IOException("Orthanc REST " + path + " answered " + r.statusCode());
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> rest(String method, String path, byte[] body) throws IOException {
        String auth = Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(restBase().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + auth)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process == null) return;
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
}
