package org.pacscluster.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.cli.Main;

/** Smoke test: the command runs end to end on tiny sizes and reports a table; timings are never asserted. */
class BenchCommandTest {
    @TempDir Path tmp;

    @Test
    void quickKMeansRunPrintsTableAndWritesResults() throws Exception {
        Path out = tmp.resolve("out");
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            rc = Main.run("bench", "--quick", "--workloads", "kmeans", "--repeats", "1", "--out", out.toString(),
                    "--scratch", tmp.resolve("scratch").toString());
        } finally {
            System.setOut(old);
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, text);
        assertTrue(text.contains("ours/theirs") && text.lines().anyMatch(l -> l.startsWith("kmeans ")), text);
        JsonNode json = new ObjectMapper().readTree(out.resolve(BenchReport.JSON_FILE).toFile());
        JsonNode row = json.path("results").get(0);
        assertEquals("kmeans", row.path("workload").asText());
        assertTrue(row.path("ours").path("throughput").asDouble() > 0, row.toString());
        // the reference side either ran or says why not (no Python stack on this machine)
        JsonNode theirs = row.path("theirs");
        assertTrue(theirs.path("throughput").asDouble() > 0 || !theirs.path("missing").asText().isEmpty(), row.toString());
        assertTrue(Files.readString(out.resolve(BenchReport.MD_FILE)).contains("| kmeans |"));
        assertTrue(Files.notExists(tmp.resolve("scratch")), "scratch data is deleted afterwards");
    }

    @Test
    void unknownWorkloadIsAOneLineError() {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            rc = Main.run("bench", "--quick", "--workloads", "nope");
        } finally {
            System.setErr(old);
        }
        assertEquals(1, rc);
        String msg = err.toString(StandardCharsets.UTF_8).trim();
        assertTrue(msg.startsWith("error: unknown workload 'nope'") && msg.contains("kmeans") && !msg.contains("\n"), msg);
    }
}
