package org.pacscluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes and one-line errors. */
class IngestCommandTest {
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        try {
            int code = Main.run(args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void aFolderWithNothingReadableFailsWithOneLine(@TempDir Path tmp) throws Exception {
        Path junk = Files.createDirectories(tmp.resolve("junk"));
        Files.writeString(junk.resolve("a.png"), "not a png");
        Files.write(junk.resolve("b.jpg"), new byte[0]);
        Run r = run("ingest", junk.toString(), "--format", "images", "--out", tmp.resolve("ds").toString(), "--size", "32");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("error: nothing readable"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void badOptionsAndMissingSourcesAreOneLineErrors(@TempDir Path tmp) {
        Run missing = run("ingest", tmp.resolve("nope").toString(), "--out", tmp.resolve("ds").toString());
        assertEquals(1, missing.code());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().startsWith("error: source not found"), missing.err());

        Run size = run("ingest", tmp.toString(), "--out", tmp.resolve("ds").toString(), "--size", "3");
        assertEquals(1, size.code());
        assertTrue(size.err().contains("--size"), size.err());
    }

    @Test
    void helpAndVersion() {
        Run help = run("ingest", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--test-fraction"));
        Run version = run("--version");
        assertTrue(version.out().startsWith("pacscluster "), version.out());
    }
}
