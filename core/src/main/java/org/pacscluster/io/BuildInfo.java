package org.pacscluster.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The tool's version, read from a resource Maven fills in at build time, so that every layer (model provenance,
 * dataset manifests, the CLI's {@code --version}) names the same build without importing the CLI.
 */
public final class BuildInfo {
    private static final String RESOURCE = "/org/pacscluster/version.properties";
    private static final String VERSION = load();

    private BuildInfo() {}

    /** The project version, e.g. "0.3.0" ("unknown" when run from classes that Maven did not filter). */
    public static String version() { return VERSION; }

    /** "pacscluster 0.3.0": how outputs name the tool that wrote them. */
    public static String tool() { return "pacscluster " + VERSION; }

    /** "Java 17.0.15 (OpenJDK 64-Bit Server VM)". */
    public static String runtime() {
        return "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
    }

    private static String load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String v = p.getProperty("version", "unknown");
        return v.startsWith("${") ? "unknown" : v;
    }
}
