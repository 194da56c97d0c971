package org.pacscluster.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's headless Chromium, run once per call with a fresh profile and no network chatter. */
public final class HeadlessChromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");

    private HeadlessChromium() {}

    public static boolean available() { return Files.isExecutable(BINARY); }

    /** The DOM after the page's load event, as Chromium serialises it. */
    public static String dumpDom(Path html, Path work) throws IOException, InterruptedException {
        Path out = work.resolve("dom.html");
        run(work, out, "--dump-dom", html.toUri().toString());
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** A PNG screenshot of the page in a window of the given size. */
    public static void screenshot(Path html, Path png, int width, int height, Path work) throws IOException, InterruptedException {
        run(work, work.resolve("screenshot.log"), "--screenshot=" + png.toAbsolutePath(),
                "--window-size=" + width + "," + height, "--hide-scrollbars", html.toUri().toString());
        if (!Files.isRegularFile(png)) throw new IllegalStateException("chromium wrote no screenshot");
    }

    private static void run(Path work, Path stdout, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Path err = work.resolve("chromium-stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not finish within 120 s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("chromium exited with " + p.exitValue() + ": " + Files.readString(err));
        }
    }
}
