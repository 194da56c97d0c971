package org.pacscluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.SharedData;
import org.pacscluster.io.BuildInfo;

/**
 * The release archive as a user gets it: unpacked into a temporary folder and run through its bin/pacscluster with
 * an environment that has no Maven, no JAVA_HOME of the build and a PATH of only the few tools the launcher needs.
 * Runs in the integration-test phase (maven-failsafe-plugin), after package has built the archive.
 */
class ReleaseArchiveIT {
    /** What bin/pacscluster may use besides java: anything else it calls makes these tests fail. */
    static final List<String> TOOLS = List.of("bash", "env", "dirname", "readlink");

    @TempDir
    static Path tmp;

    static String version;
    static Path home;
    static Path toolsWithJava;
    static Path toolsWithoutJava;

    @BeforeAll
    static void unpack() throws Exception {
        String archive = System.getProperty("pacscluster.release.archive");
        if (archive == null) fail("system property pacscluster.release.archive not set: run with `mvn -B verify`");
        Path tgz = Path.of(archive);
        assertTrue(Files.isRegularFile(tgz), "no release archive at " + tgz);
        version = System.getProperty("pacscluster.version", BuildInfo.version());
        Path unpacked = Files.createDirectories(tmp.resolve("unpacked"));
        Result tar = run(new ProcessBuilder("tar", "xzf", tgz.toString(), "-C", unpacked.toString()), 120);
        assertEquals(0, tar.exit, "tar xzf failed: " + tar.err);
        try (Stream<Path> top = Files.list(unpacked)) {
            assertEquals(List.of("pacscluster-" + version),
                    top.map(p -> p.getFileName().toString()).collect(Collectors.toList()),
                    "the archive must hold one folder pacscluster-<version>");
        }
        home = unpacked.resolve("pacscluster-" + version);

        toolsWithoutJava = Files.createDirectories(tmp.resolve("path-without-java"));
        toolsWithJava = Files.createDirectories(tmp.resolve("path-with-java"));
        for (String tool : TOOLS) {
            Path real = which(tool);
            Files.createSymbolicLink(toolsWithoutJava.resolve(tool), real);
            Files.createSymbolicLink(toolsWithJava.resolve(tool), real);
        }
        Files.createSymbolicLink(toolsWithJava.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    @Test
    void theArchiveHoldsLauncherJarsReadmeChangelogVersionAndLicences() throws IOException {
        Path launcher = home.resolve("bin/pacscluster");
        assertTrue(Files.getPosixFilePermissions(launcher).contains(PosixFilePermission.OWNER_EXECUTE),
                "bin/pacscluster must be executable");
        assertEquals(version, Files.readString(home.resolve("VERSION")).strip());
        assertEquals(Files.readString(SharedData.repo().resolve("README.md")), Files.readString(home.resolve("README.md")),
                "README.md must be the checkout's");
        assertEquals(Files.readString(SharedData.repo().resolve("CHANGELOG.md")), Files.readString(home.resolve("CHANGELOG.md")),
                "CHANGELOG.md must be the checkout's");
        Set<String> jars = libJars();
        for (String must : List.of("pacscluster-core-" + version + ".jar", "pacscluster-cli-" + version + ".jar",
                "picocli-4.7.7.jar", "pytorch-native-cpu-2.7.1-linux-x86_64.jar")) {
            assertTrue(jars.contains(must), "lib/ lacks " + must + ": " + jars);
        }
        for (String jar : jars) {
            assertFalse(jar.contains("bench"), "the bench module is not part of the release: " + jar);
            assertFalse(jar.endsWith("-tests.jar") || jar.startsWith("junit") || jar.startsWith("opentest4j")
                    || jar.startsWith("apiguardian"), "no test jars in the release: " + jar);
        }
    }

    @Test
    void theLicenceFileNamesExactlyTheJarsInLib() throws IOException {
        String licences = Files.readString(home.resolve("THIRD-PARTY-LICENSES.md"));
        Set<String> named = new TreeSet<>();
        Matcher m = Pattern.compile("`([^`/]+\\.jar)`").matcher(licences);
        while (m.find()) named.add(m.group(1));
        Set<String> jars = libJars();
        Set<String> unnamed = new TreeSet<>(jars);
        unnamed.removeAll(named);
        Set<String> stale = new TreeSet<>(named);
        stale.removeAll(jars);
        String fix = " (after `mvn -B -o package -DskipTests`, run `python3 scripts/third_party_licenses.py` and commit"
                + " cli/src/release/THIRD-PARTY-LICENSES.md)";
        assertTrue(unnamed.isEmpty(), "jars in lib/ that THIRD-PARTY-LICENSES.md does not name: " + unnamed + fix);
        assertTrue(stale.isEmpty(), "THIRD-PARTY-LICENSES.md names jars that lib/ lacks: " + stale + fix);
    }

    @Test
    void versionRunsWithJavaFromThePathThroughASymlink() throws Exception {
        // a link to the launcher elsewhere (as in ~/bin) must still find lib/ beside the real bin/
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path link = elsewhere.resolve("pacscluster");
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, home.resolve("bin/pacscluster"));
        }
        Result r = launch(link, Map.of("PATH", toolsWithJava.toString()), "--version");
        assertEquals(0, r.exit, r.err);
        assertEquals("pacscluster " + version, r.out.lines().findFirst().orElse(""), r.out);
        assertTrue(r.out.contains("Java "), r.out);
        // the developer's bench command (a ServiceLoader plugin in its own module) is not in the release
        Result help = launch(link, Map.of("PATH", toolsWithJava.toString()), "--help");
        assertEquals(0, help.exit, help.err);
        assertTrue(help.out.contains("inspect"), help.out);
        assertFalse(help.out.lines().anyMatch(l -> l.strip().startsWith("bench ")), help.out);
    }

    @Test
    void inspectRunsWithJavaHomeAndPrintsTheModality() throws Exception {
        Path ct = SharedData.data("dicom/nema-compsamples/CT1_UNC");
        Result r = launch(home.resolve("bin/pacscluster"),
                Map.of("PATH", toolsWithoutJava.toString(), "JAVA_HOME", System.getProperty("java.home")),
                "inspect", ct.toString());
        assertEquals(0, r.exit, r.err);
        List<String> lines = r.out.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
        assertEquals(1, lines.size(), r.out);
        JsonNode json = new ObjectMapper().readTree(lines.get(0));
        assertEquals("CT", json.path("Modality").asText(), r.out);
        assertFalse(json.has("rejected"), r.out);
    }

    @Test
    void anOldJavaGetsAOneLineError() throws Exception {
        Path fakeHome = Files.createDirectories(tmp.resolve("java11/bin")).getParent();
        Path fake = fakeHome.resolve("bin/java");
        Files.writeString(fake, "#!/bin/sh\necho 'openjdk version \"11.0.22\" 2024-01-16' >&2\n");
        fake.toFile().setExecutable(true);
        Result r = launch(home.resolve("bin/pacscluster"),
                Map.of("PATH", toolsWithoutJava.toString(), "JAVA_HOME", fakeHome.toString()), "--version");
        assertEquals(1, r.exit, r.out + r.err);
        assertEquals(1, r.err.strip().lines().count(), r.err);
        assertTrue(r.err.contains("needs Java 17 or newer") && r.err.contains("11.0.22"), r.err);
    }

    @Test
    void noJavaAtAllGetsAOneLineError() throws Exception {
        Result r = launch(home.resolve("bin/pacscluster"), Map.of("PATH", toolsWithoutJava.toString()), "--version");
        assertEquals(1, r.exit, r.out + r.err);
        assertEquals(1, r.err.strip().lines().count(), r.err);
        assertTrue(r.err.contains("java not found"), r.err);
    }

    record Result(int exit, String out, String err) {}

    static Set<String> libJars() throws IOException {
        try (Stream<Path> s = Files.list(home.resolve("lib"))) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Runs the launcher with exactly this environment (as `env -i K=V ... launcher args`), from a neutral folder. */
    static Result launch(Path launcher, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(launcher.toString()), Stream.of(args))
                .collect(Collectors.toList()));
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.directory(tmp.toFile());
        return run(pb, 120);
    }

    static Result run(ProcessBuilder pb, int timeoutSeconds) throws Exception {
        Path out = Files.createTempFile(tmp, "out", ".txt"), err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out after " + timeoutSeconds + " s: " + pb.command());
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    static Path which(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) return p;
        }
        throw new IllegalStateException(tool + " not found on the PATH");
    }
}
