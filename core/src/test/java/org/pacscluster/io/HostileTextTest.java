package org.pacscluster.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The io guards against hostile text and sizes: redaction, CSV neutralisation and strictness, read limits. */
class HostileTextTest {
    @Test
    void redactionRemovesEverySecretShapeAndKeepsTheRest() {
        String[][] cases = {
                {"http://reader:pa@ss-S1@127.0.0.1:1/dw", "S1"},
                {"https://reader:S2@pacs_host.example/dw", "S2"},
                {"failed for https://pacs/dw?access_token=S3&x=1 (timeout)", "S3"},
                {"GET /x?limit=5&token=S4", "S4"},
                {"password = S5", "S5"},
                {"Authorization: Bearer eyJhbGciOiJIUzI1NiJ9S6xxxxxx", "S6"},
                {"https://u:p/w?#S7@host/dw", "S7"},
        };
        for (String[] c : cases) assertFalse(Secrets.redact(c[0]).contains(c[1]), c[0] + " -> " + Secrets.redact(c[0]));
        assertEquals("https://***@pacs_host.example/dw", Secrets.redact("https://reader:S2@pacs_host.example/dw"));
        String plain = "PACS at http://pacs:8042/dicom-web/ refused access (HTTP 401 Unauthorized, bearer token): check";
        assertEquals(plain, Secrets.redact(plain));
        assertEquals("HTTP basic authentication", Secrets.redact("HTTP basic authentication"));
    }

    @Test
    void csvCellsThatAreFormulasAreGuardedAndReadBackUnchanged() throws Exception {
        String[] cells = {"=HYPERLINK(\"x\")", "+1+cmd", "-2+3", "@SUM(A1)", "\tx", "'=already", "''@x", "-0.25", "+1e-3",
                "-Infinity", "plain", "'quoted", "", "a,b", "=a\nb"};
        String line = Csv.line((Object[]) cells);
        assertTrue(line.startsWith("\"'=HYPERLINK"), line);
        assertTrue(line.contains(",-0.25,+1e-3,-Infinity,plain,'quoted,"), line);
        List<List<String>> back = Csv.readAll(new StringReader(line));
        assertArrayEquals(cells, back.get(0).toArray(new String[0]));
    }

    @Test
    void csvReadingIsStrictOrWarnsNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.csv");
        Files.write(f, "\uFEFFa,b\n1,2\n3\n\"4,5\n".getBytes(StandardCharsets.UTF_8));
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class, () -> Csv.read(f, m -> { }));
        assertTrue(open.getMessage().contains("t.csv line 4") && open.getMessage().contains("never closed"), open.getMessage());
        Files.write(f, "\uFEFFa,b\n1,2\n3\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Csv.read(f)).getMessage().contains("t.csv line 3 has 1 field"));
        List<String> warnings = new ArrayList<>();
        Csv.Table t = Csv.read(f, warnings::add);
        assertEquals(List.of("a", "b"), t.header(), "the BOM is not part of the first column's name");
        assertEquals(1, t.rows().size());
        assertEquals(1, warnings.size());
        Files.write(f, "a,b\n1,\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Csv.read(f)).getMessage().contains("t.csv line 2 is not UTF-8"));
        assertEquals("\u00e9", Csv.read(f, warnings::add).rows().get(0).get(1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Csv.read(dir)).getMessage().contains("is a folder"));
    }

    @Test
    void readLimitsParseSizesAndCutStreams() throws Exception {
        assertEquals(512L << 20, ReadLimits.parseSize("512m", "maxFileSize"));
        assertEquals(2L << 30, ReadLimits.parseSize("2G", "maxFileSize"));
        assertEquals(800, ReadLimits.parseSize("800", "maxFileSize"));
        InvalidSettingException bad = assertThrows(InvalidSettingException.class, () -> ReadLimits.parseSize("lots", "maxFileSize"));
        assertEquals("maxFileSize", bad.setting());
        ReadLimits l = ReadLimits.defaults().withMaxFileBytes(100);
        assertEquals(100, l.readAll(new ByteArrayInputStream(new byte[100]), -1, "x").length);
        assertTrue(assertThrows(LimitExceededException.class, () -> l.readAll(new ByteArrayInputStream(new byte[101]), -1, "x"))
                .getMessage().contains("max-file-size"));
        assertTrue(assertThrows(LimitExceededException.class, () -> l.readAll(new ByteArrayInputStream(new byte[50]), 10, "x"))
                .getMessage().contains("more than its declared 10 bytes"));
        assertThrows(LimitExceededException.class, () -> l.withMaxImagePixels(1000).checkImage(40000, 40000, 1));
        assertThrows(LimitExceededException.class, () -> l.checkImage(1 << 20, 1 << 20, 1 << 20), "no overflow");
        assertEquals("a\\x1b[31mb\\u202e", SafeText.forTerminal("a\u001b[31mb\u202e"));
    }
}
