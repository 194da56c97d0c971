package org.pacscluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile inputs, made on the fly, against the real command line in a child JVM with a 256 MB heap: deflate and
 * ZIP bombs, huge declared images, an endless QIDO answer and an endless WADO part, garbage JSON from a PACS,
 * secrets in URLs and config files, broken label CSVs, a FIFO, absurd arguments, damaged model files and labels
 * that are spreadsheet formulas or terminal escapes. Each case checks the exit code, a one-line message naming the
 * input, no stack trace, bounded memory, that the process ended by itself, and that valid inputs beside the bad one
 * were kept. Every run is also written to {@code target/hostile-inputs.txt} (case, exit, first stderr line, peak RSS).
 */
class HostileInputTest {
    /** Peak RSS allowed: a 256 MB heap plus the JVM's own memory, far below the GBs the bombs claim. */
    static final long RSS_CAP = 700L << 20;

    @TempDir
    Path tmp;

    HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) server.stop(0);
    }

    /**
     * Runs the command in a child JVM (256 MB heap). C1 only: these runs last seconds, where the optimising
     * compiler costs more start-up time than it saves.
     */
    static ChildCli.Run cli(Path dir, String... args) throws Exception {
        ChildCli.Run r = ChildCli.builder().jvmOption("-XX:TieredStopAtLevel=1").timeoutSeconds(90).run(dir, args);
        String caseName = StackWalker.getInstance().walk(s -> s.map(StackWalker.StackFrame::getMethodName)
                .filter(n -> !n.equals("cli")).findFirst().orElse("?"));
        String first = r.stderr().lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        String line = String.format(Locale.ROOT, "%-40s exit %3d  rss %5d MB  %5d ms  %s%n", caseName, r.exit(),
                r.peakRssBytes() >> 20, r.millis(), first.length() > 220 ? first.substring(0, 220) + "..." : first);
        System.out.print("hostile: " + line);
        Path log = Path.of("target", "hostile-inputs.txt");
        Files.createDirectories(log.getParent());
        Files.writeString(log, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return r;
    }

    static List<String> lines(Path f) throws IOException { return Files.readAllLines(f, StandardCharsets.UTF_8); }

    // ---- unbounded reads -----------------------------------------------------------------------------------------

    @Test
    void inspectRejectsADeflateBombInOneLineAndGoesOnWithTheBatch() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("batch"));
        Files.write(dir.resolve("a-bomb.dcm"), HostileFiles.deflateBomb("1.2.3.1", 2_000_000_000L));
        Files.write(dir.resolve("b-good.dcm"), HostileFiles.goodDicom("1.2.3.2"));
        ChildCli.Run r = cli(tmp, "inspect", dir.toString());
        assertTrue(r.endedByItself());
        assertEquals(0, r.exit(), r.stderr());
        r.assertNoStackTrace().assertPeakRssBelow(RSS_CAP);
        List<String> out = r.stdout().lines().toList();
        assertEquals(2, out.size(), r.stdout());
        assertTrue(out.get(0).contains("a-bomb.dcm") && out.get(0).contains("\"rejected\"")
                && out.get(0).contains("inflates to more than"), out.get(0));
        assertTrue(out.get(1).contains("b-good.dcm") && !out.get(1).contains("rejected"), out.get(1));
    }

    @Test
    void ingestRejectsADeflateBombAndAHugeDeclaredImageAndStoresTheGoodFiles() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("dicom"));
        Files.write(dir.resolve("a-bomb.dcm"), HostileFiles.deflateBomb("1.2.3.1", 2_000_000_000L));
        // RLE image declaring 40000 x 40000 with one tiny fragment: nothing may be allocated for its pixels
        Files.write(dir.resolve("b-huge.dcm"), HostileFiles.encapsulated(HostileFiles.RLE,
                HostileFiles.image("1.2.3.3", 40000, 40000, 8, null), new byte[64]));
        // a JPEG image claiming two billion frames
        Files.write(dir.resolve("c-frames.dcm"), HostileFiles.encapsulated(HostileFiles.JPEG_BASELINE,
                HostileFiles.image("1.2.3.4", 16, 16, 8, "2000000000"), HostileFiles.jpeg(16, 16)));
        Files.write(dir.resolve("d-good.dcm"), HostileFiles.goodDicom("1.2.3.2"));
        Path ds = tmp.resolve("ds");
        ChildCli.Run r = cli(tmp, "ingest", dir.toString(), "--out", ds.toString(), "--size", "16");
        assertTrue(r.endedByItself());
        assertEquals(0, r.exit(), r.stderr());
        r.assertNoStackTrace().assertPeakRssBelow(RSS_CAP);
        String rejected = Files.readString(ds.resolve("rejected.csv"));
        assertTrue(rejected.contains("a-bomb.dcm") && rejected.contains("inflates to more than"), rejected);
        assertTrue(rejected.contains("b-huge.dcm") && rejected.contains("40000x40000"), rejected);
        assertTrue(rejected.contains("c-frames.dcm") && rejected.contains("2000000000"), rejected);
        assertTrue(Files.readString(ds.resolve("index.csv")).contains("1.2.3.2"), "the good file is stored");
    }

    @Test
    void ingestRejectsZipBombsBeforeInflatingAndAHugePngBeforeDecoding() throws Exception {
        Path zip = tmp.resolve("images.zip");
        HostileFiles.zip(zip,
                HostileFiles.Member.of("a.png", HostileFiles.png(8, 8, 1)),
                HostileFiles.Member.zeros("bomb.png", 1L << 30, 1L << 30),        // declares its 1 GB
                HostileFiles.Member.zeros("liar.png", 1L << 30, 1000),            // declares 1000 bytes, inflates to 1 GB
                HostileFiles.Member.of("huge.png", HostileFiles.hugeRgbPng(20000, 20000)),
                HostileFiles.Member.of("z.png", HostileFiles.png(8, 8, 2)));
        assertTrue(Files.size(zip) < (8L << 20), "the bombs are small: " + Files.size(zip));
        Path ds = tmp.resolve("ds");
        ChildCli.Run r = cli(tmp, "ingest", zip.toString(), "--out", ds.toString(), "--size", "8");
        assertTrue(r.endedByItself());
        assertEquals(0, r.exit(), r.stderr());
        r.assertNoStackTrace().assertPeakRssBelow(RSS_CAP);
        String rejected = Files.readString(ds.resolve("rejected.csv"));
        assertTrue(rejected.contains("bomb.png") && rejected.contains("max-file-size"), rejected);
        assertTrue(rejected.contains("liar.png") && rejected.contains("more than its declared"), rejected);
        assertTrue(rejected.contains("huge.png") && rejected.contains("20000x20000"), rejected);
        String index = Files.readString(ds.resolve("index.csv"));
        assertTrue(index.contains("a.png") && index.contains("z.png"), index);
    }

    @Test
    void aHugePngIsRejectedFromItsHeaderAndALimitCanBeRaised() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("images"));
        Files.write(dir.resolve("a.png"), HostileFiles.png(64, 64, 1));
        Files.write(dir.resolve("b.png"), HostileFiles.png(8, 8, 2));
        ChildCli.Run r = cli(tmp, "ingest", dir.toString(), "--out", tmp.resolve("ds").toString(), "--size", "8",
                "--max-image-pixels", "1000");
        assertEquals(0, r.exit(), r.stderr());
        String rejected = Files.readString(tmp.resolve("ds/rejected.csv"));
        assertTrue(rejected.contains("a.png") && rejected.contains("64x64") && rejected.contains("max-image-pixels"), rejected);
        ChildCli.Run bad = cli(tmp, "ingest", dir.toString(), "--out", tmp.resolve("ds2").toString(), "--max-file-size", "lots");
        bad.assertOneLineError("--max-file-size");
    }

    // ---- a hostile PACS ------------------------------------------------------------------------------------------

    interface Handler { void handle(HttpExchange ex, int call) throws IOException; }

    final AtomicInteger requests = new AtomicInteger();

    String pacs(Handler h) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            try (ex) {
                h.handle(ex, requests.incrementAndGet());
            } catch (IOException gone) {
                // the client hung up on an endless answer: that is the point
            }
        });
        server.start();
        return "dicomweb+http://127.0.0.1:" + server.getAddress().getPort() + "/dw";
    }

    static void json(HttpExchange ex, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/dicom+json");
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
    }

    /** Writes {@code unit} until the client hangs up (or 8 GB, a safety stop for a client that never does). */
    static void endless(HttpExchange ex, String contentType, byte[] head, byte[] unit) throws IOException {
        ex.getResponseHeaders().add("Content-Type", contentType);
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        out.write(head);
        for (long sent = 0; sent < (8L << 30); sent += unit.length) out.write(unit);
    }

    @Test
    void anEndlessQidoAnswerEndsTheRunWithOneLineAndBoundedMemory() throws Exception {
        byte[] study = "{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"1.2.3.4.5.6.7.8.9\"]},\"00080061\":{\"vr\":\"CS\",\"Value\":[\"CT\"]}},"
                .repeat(64).getBytes(StandardCharsets.US_ASCII);
        String src = pacs((ex, call) -> endless(ex, "application/dicom+json", "[".getBytes(StandardCharsets.US_ASCII), study));
        ChildCli.Run r = cli(tmp, "ingest", src, "--out", tmp.resolve("ds").toString());
        r.assertOneLineError("127.0.0.1").assertPeakRssBelow(RSS_CAP);
        assertTrue(r.stderr().contains("max-qido-results") || r.stderr().contains("max-file-size"), r.stderr());
        assertTrue(requests.get() <= 2, "not retried: " + requests.get());
    }

    @Test
    void anEndlessWadoPartRejectsThatInstanceOnly() throws Exception {
        String sop = "1.2.3.99";
        String src = pacs((ex, call) -> {
            String p = ex.getRequestURI().getPath();
            if (p.endsWith("/studies")) json(ex, "[{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"1.2.3\"]}}]");
            else if (p.endsWith("/series")) json(ex, "[{\"0020000E\":{\"vr\":\"UI\",\"Value\":[\"1.2.3.1\"]}}]");
            else if (p.endsWith("/instances")) {
                json(ex, "[{\"00080018\":{\"vr\":\"UI\",\"Value\":[\"" + sop + "\"]}},"
                        + "{\"00080018\":{\"vr\":\"UI\",\"Value\":[\"1.2.3.100\"]}}]");
            } else if (p.endsWith(sop)) {
                endless(ex, "multipart/related; type=\"application/dicom\"; boundary=XyZ",
                        "--XyZ\r\nContent-Type: application/dicom\r\n\r\n".getBytes(StandardCharsets.US_ASCII), new byte[1 << 16]);
            } else {
                byte[] good = HostileFiles.goodDicom("1.2.3.100");
                byte[] body = ("--XyZ\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                byte[] end = "\r\n--XyZ--\r\n".getBytes(StandardCharsets.US_ASCII);
                ex.getResponseHeaders().add("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=XyZ");
                ex.sendResponseHeaders(200, body.length + good.length + end.length);
                ex.getResponseBody().write(body);
                ex.getResponseBody().write(good);
                ex.getResponseBody().write(end);
            }
        });
        Path ds = tmp.resolve("ds");
        ChildCli.Run r = cli(tmp, "ingest", src, "--out", ds.toString(), "--size", "16");
        assertTrue(r.endedByItself());
        assertEquals(0, r.exit(), r.stderr());
        r.assertNoStackTrace().assertPeakRssBelow(RSS_CAP);
        String rejected = Files.readString(ds.resolve("rejected.csv"));
        assertTrue(rejected.contains(sop) && rejected.contains("max-file-size"), rejected);
        assertTrue(Files.readString(ds.resolve("index.csv")).contains("1.2.3.100"));
    }

    @Test
    void garbageJsonFromAPacsIsNotRetriedAsIfTransient() throws Exception {
        String src = pacs((ex, call) -> json(ex, "<html><body>Proxy error</body></html>"));
        ChildCli.Run r = cli(tmp, "ingest", src, "--out", tmp.resolve("ds").toString());
        r.assertOneLineError("127.0.0.1");
        assertTrue(r.stderr().contains("JSON"), r.stderr());
        assertEquals(1, requests.get(), "one request, no retries");
        assertTrue(r.millis() < 20_000, r.millis() + " ms");
    }

    // ---- secrets -------------------------------------------------------------------------------------------------

    @Test
    void secretsInUrlsAndConfigFilesNeverReachAMessage() throws Exception {
        String[][] cases = {
                {"dicomweb+http://reader:pa@ss-SECRET1@127.0.0.1:1/dw", "SECRET1"},
                {"dicomweb+https://reader:SECRET2@pacs_host.example/dw", "SECRET2"},
                {"dicomweb+https://pacs.example/dw?access_token=SECRET3", "SECRET3"},
                {"dicomweb+https://pacs.example/dw?key=SECRET4&x=1", "SECRET4"},
        };
        for (String[] c : cases) {
            ChildCli.Run r = cli(tmp, "ingest", c[0], "--out", tmp.resolve("ds").toString());
            r.assertOneLineError("PACS URL");
            assertFalse((r.stdout() + r.stderr()).contains(c[1]), "no secret: " + r.stderr());
        }
        Path config = tmp.resolve("pacs.properties");
        Files.writeString(config, "url=http://127.0.0.1:1/dw\nuser=reader\nSECRET5-only-the-password\n");
        ChildCli.Run r = cli(tmp, "ingest", "dicomweb", "--pacs-config", config.toString(), "--out", tmp.resolve("ds").toString());
        r.assertOneLineError("pacs.properties");
        assertTrue(r.stderr().contains("line 3"), r.stderr());
        assertFalse((r.stdout() + r.stderr()).contains("SECRET5"), r.stderr());
    }

    // ---- label CSVs ----------------------------------------------------------------------------------------------

    Path images(int n) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("img"));
        for (int i = 0; i < n; i++) Files.write(dir.resolve("i" + i + ".png"), HostileFiles.png(8, 8, i));
        return dir;
    }

    ChildCli.Run ingestWithLabels(Path dir, byte[] csv, String... extra) throws Exception {
        Path labels = tmp.resolve("labels.csv");
        Files.write(labels, csv);
        String[] base = {"ingest", dir.toString(), "--labels", labels.toString(), "--size", "8", "--out",
                tmp.resolve("ds-" + requests.incrementAndGet()).toString()};
        String[] args = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return cli(tmp, args);
    }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void brokenLabelCsvsAreNeverSilent() throws Exception {
        Path dir = images(3);
        String ok = "file,modality,region\ni0.png,CT,CHEST\ni1.png,MR,HEAD\ni2.png,CT,HEAD\n";

        // unterminated quote: the rest of the file would be one field, so it is an error in either mode
        ingestWithLabels(dir, utf8("file,modality,region\ni0.png,\"CT,CHEST\ni1.png,MR,HEAD\ni2.png,CT,HEAD\n"))
                .assertOneLineError("labels.csv").assertNoStackTrace();

        // short row: a counted warning naming file and line by default, an error with --labels-strict
        byte[] shortRow = utf8("file,modality,region\ni0.png,CT,CHEST\ni1.png,MR\ni2.png,CT,HEAD\n");
        ChildCli.Run lenient = ingestWithLabels(dir, shortRow);
        assertEquals(0, lenient.exit(), lenient.stderr());
        assertTrue(lenient.stderr().contains("labels.csv line 3") && lenient.stderr().contains("2 warnings"), lenient.stderr());
        ingestWithLabels(dir, shortRow, "--labels-strict").assertOneLineError("labels.csv line 3");

        // the same file twice with different labels
        byte[] twice = utf8(ok + "i1.png,CT,CHEST\n");
        ChildCli.Run dup = ingestWithLabels(dir, twice);
        assertEquals(0, dup.exit(), dup.stderr());
        assertTrue(dup.stderr().contains("labels.csv line 5") && dup.stderr().contains("i1.png"), dup.stderr());
        ingestWithLabels(dir, twice, "--labels-strict").assertOneLineError("labels.csv line 5");

        // a CSV that covers only part of the images
        byte[] part = utf8("file,modality,region\ni0.png,CT,CHEST\n");
        ChildCli.Run partial = ingestWithLabels(dir, part);
        assertEquals(0, partial.exit(), partial.stderr());
        assertTrue(partial.stderr().contains("2 of 3 images") && partial.stderr().contains("i1.png"), partial.stderr());
        ingestWithLabels(dir, part, "--labels-strict").assertOneLineError("labels.csv");

        // a UTF-8 BOM is accepted
        byte[] bom = utf8("\uFEFF" + ok);
        ChildCli.Run withBom = ingestWithLabels(dir, bom, "--labels-strict");
        assertEquals(0, withBom.exit(), withBom.stderr());

        // Latin-1 bytes: read as Latin-1 with a warning naming file and line, an error with --labels-strict
        byte[] latin1 = (ok.replace("i2.png,CT,HEAD", "i2.png,CT,T\u00caTE")).getBytes(StandardCharsets.ISO_8859_1);
        ChildCli.Run l1 = ingestWithLabels(dir, latin1);
        assertEquals(0, l1.exit(), l1.stderr());
        assertTrue(l1.stderr().contains("labels.csv line 4") && l1.stderr().contains("Latin-1"), l1.stderr());
        Path ds = tmp.resolve("ds-" + requests.get());
        assertTrue(Files.readString(ds.resolve("index.csv")).contains("T\u00caTE"), "decoded as Latin-1");
        ingestWithLabels(dir, latin1, "--labels-strict").assertOneLineError("labels.csv line 4");
    }

    @Test
    void labelsThatAreFormulasOrTerminalEscapesAreNeutralised() throws Exception {
        // two groups of identical images, so that K=2 puts each group in its own cluster whatever the seed
        Path dir = Files.createDirectories(tmp.resolve("img"));
        for (int i = 0; i < 8; i++) Files.write(dir.resolve("i" + i + ".png"), HostileFiles.png(8, 8, i < 4 ? 1 : 4));
        String esc = "\u001b[2J\u001b[31mRED";
        String formula = "\"=HYPERLINK(\"\"http://x\"\")\"";
        Path labels = tmp.resolve("labels.csv");
        StringBuilder csv = new StringBuilder("file,modality,region\n");
        for (int i = 0; i < 3; i++) csv.append("i").append(i).append(".png,").append(formula).append(",\"").append(esc).append("\"\n");
        csv.append("i3.png,@SUM(A1),\n");   // disagrees on MOD, misses AR: audit findings that print the labels
        for (int i = 4; i < 8; i++) csv.append("i").append(i).append(".png,MR,HEAD\n");
        Files.writeString(labels, csv, StandardCharsets.UTF_8);
        Path ds = tmp.resolve("ds");
        ChildCli.Run in = cli(tmp, "ingest", dir.toString(), "--labels", labels.toString(), "--size", "8", "--out", ds.toString(),
                "--test-fraction", "0.25");
        assertEquals(0, in.exit(), in.stderr());
        String index = Files.readString(ds.resolve("index.csv"));
        assertTrue(index.contains("'=HYPERLINK") && index.contains("'@SUM"), index);
        Path model = tmp.resolve("model");
        ChildCli.Run train = cli(tmp, "train", "--dataset", ds.toString(), "--method", "pixels", "--k", "2",
                "--out", model.toString());
        assertEquals(0, train.exit(), train.stderr());
        Path audit = tmp.resolve("audit.csv");
        ChildCli.Run au = cli(tmp, "audit", "--model", model.toString(), ds.toString(), "--out", audit.toString());
        assertEquals(0, au.exit(), au.stderr());
        assertTrue(au.stdout().contains("RED"), "the audit shows the label: " + au.stdout());
        assertFalse((au.stdout() + au.stderr()).contains("\u001b"), "no escape reaches the terminal: " + au.stdout());
        Path pred = tmp.resolve("pred.csv");
        ChildCli.Run predict = cli(tmp, "predict", "--model", model.toString(), ds.toString(), "--out", pred.toString());
        assertEquals(0, predict.exit(), predict.stderr());
        for (Path out : List.of(pred, audit)) {
            for (String l : lines(out)) {
                for (String cell : l.split(",")) {
                    String c = cell.startsWith("\"") ? cell.substring(1) : cell;
                    assertFalse(!c.isEmpty() && "=+@\t\r".indexOf(c.charAt(0)) >= 0, out.getFileName() + ": neutralised cell: " + l);
                }
            }
        }
    }

    // ---- smaller ---------------------------------------------------------------------------------------------------

    @Test
    void inspectSkipsAFifoWithAReason() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("fifo"));
        Path fifo = dir.resolve("a-pipe");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo available");
        Files.write(dir.resolve("b-good.dcm"), HostileFiles.goodDicom("1.2.3.2"));
        ChildCli.Run r = cli(tmp, "inspect", dir.toString());
        assertTrue(r.endedByItself(), "did not block on the FIFO");
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.stdout().contains("a-pipe") && r.stdout().contains("not a regular file"), r.stdout());
        ChildCli.Run alone = cli(tmp, "inspect", fifo.toString());
        assertTrue(alone.endedByItself(), "did not block on the FIFO");
        alone.assertOneLineError(null);
    }

    @Test
    void aFrameNumberPastAnIntIsOneArgumentError() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("d"));
        Files.write(dir.resolve("a.dcm"), HostileFiles.goodDicom("1.2.3.2"));
        cli(tmp, "ingest", dir.toString(), "--out", tmp.resolve("ds").toString(), "--frame", "99999999999")
                .assertOneLineError("--frame");
        assertFalse(Files.exists(tmp.resolve("ds/rejected.csv")), "nothing was read");
    }

    @Test
    void errorsNameTheFileAndTheProblem() throws Exception {
        Path dir = images(2);
        // a folder where a CSV is expected
        cli(tmp, "ingest", dir.toString(), "--labels", dir.toString(), "--out", tmp.resolve("ds").toString())
                .assertOneLineError(dir.toString());
        // evaluate with a short row
        Path pred = tmp.resolve("pred.csv"), truth = tmp.resolve("truth.csv");
        Files.writeString(pred, "id,cluster\na,1\nb\n");
        Files.writeString(truth, "id,modality,region\na,CT,HEAD\nb,MR,HEAD\n");
        cli(tmp, "evaluate", "--pred", pred.toString(), "--truth", truth.toString()).assertOneLineError("pred.csv line 3");
        // a model whose files are damaged
        Path model = tmp.resolve("model");
        Files.createDirectories(model);
        Path fixture = Path.of("src/test/resources/org/pacscluster/method/model-v1-cidec");
        Files.copy(fixture.resolve("model.json"), model.resolve("model.json"));
        byte[] w = Files.readAllBytes(fixture.resolve("weights.ndlist"));
        Files.write(model.resolve("weights.ndlist"), Arrays.copyOf(w, w.length / 3));
        cli(tmp, "predict", "--model", model.toString(), dir.toString(), "--out", tmp.resolve("p.csv").toString())
                .assertOneLineError("weights.ndlist");
        Files.writeString(model.resolve("model.json"), "{\"format\": 2, \"method\": ");
        cli(tmp, "predict", "--model", model.toString(), dir.toString(), "--out", tmp.resolve("p.csv").toString())
                .assertOneLineError("model.json");
    }

    @Test
    void truncatedJpegsAreRejectedAsTheDocsSay() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("jpg"));
        byte[] jpeg = HostileFiles.jpeg(64, 64);
        Files.write(dir.resolve("a-cut.jpg"), Arrays.copyOf(jpeg, jpeg.length * 2 / 3));
        Files.write(dir.resolve("b-good.jpg"), jpeg);
        Path ds = tmp.resolve("ds");
        ChildCli.Run r = cli(tmp, "ingest", dir.toString(), "--format", "images", "--out", ds.toString(), "--size", "8");
        assertEquals(0, r.exit(), r.stderr());
        String rejected = Files.readString(ds.resolve("rejected.csv"));
        assertTrue(rejected.contains("a-cut.jpg") && rejected.contains("truncated"), rejected);
        // the same inside DICOM: a JPEG frame cut short in a properly closed fragment
        Path dcm = Files.createDirectories(tmp.resolve("dcm"));
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length * 2 / 3 & ~1);
        Files.write(dcm.resolve("a-cut.dcm"), HostileFiles.encapsulated(HostileFiles.JPEG_BASELINE,
                HostileFiles.image("1.2.3.7", 64, 64, 8, null), cut));
        Files.write(dcm.resolve("b-good.dcm"), HostileFiles.goodDicom("1.2.3.2"));
        ChildCli.Run in = cli(tmp, "inspect", dcm.toString());
        assertTrue(in.stdout().lines().findFirst().orElse("").contains("truncated"), in.stdout());
    }
}
