package org.pacscluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.SharedData;
import picocli.CommandLine;

class InspectCommandTest {
    record Run(int exit, List<JsonNode> lines, String out, String err) {}

    static Run inspect(String... args) throws IOException {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler(new Main.OneLineErrors());
        String[] all = new String[args.length + 1];
        all[0] = "inspect";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cl.execute(all);
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper m = new ObjectMapper();
        for (String l : out.toString().split("\n")) if (!l.isBlank()) lines.add(m.readTree(l));
        return new Run(exit, lines, out.toString(), err.toString());
    }

    @Test
    void aMixedFolderPrintsOneObjectPerFileAndExitsZero(@TempDir Path dir) throws IOException {
        Path ct = SharedData.data("dicom/pydicom-testfiles/CT_small.dcm");
        byte[] good = Files.readAllBytes(ct);
        Files.write(dir.resolve("a_good.dcm"), good);
        Files.writeString(dir.resolve("b_text.dcm"), "hello\n");
        Files.write(dir.resolve("c_empty.dcm"), new byte[0]);
        Files.write(dir.resolve("d_truncated.dcm"), Arrays.copyOf(good, good.length - 500));
        Files.createDirectories(dir.resolve("sub"));
        Files.write(dir.resolve("sub/e_good"), good);
        Run r = inspect("--region", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(5, r.lines().size(), r.out());
        JsonNode first = r.lines().get(0);
        assertEquals("CT", first.get("Modality").asText());
        assertEquals("CT", first.get("MOD").asText());
        assertEquals(128, first.get("rows").asInt());
        // CT_small.dcm is CT1_UNC downsized: pydicom's reference gives min -896, max 1167 after rescale
        assertEquals(-896.0, first.get("min").asDouble());
        assertEquals(1167.0, first.get("max").asDouble());
        assertTrue(r.lines().get(1).get("rejected").asText().contains("not a DICOM file"));
        assertEquals("empty file", r.lines().get(2).get("rejected").asText());
        assertTrue(r.lines().get(3).get("rejected").asText().contains("truncated"));
        assertFalse(r.lines().get(4).has("rejected"));
        // patient identity never reaches the output (CT_small.dcm's PatientName is CompressedSamples^CT1)
        assertFalse(r.out().contains("CompressedSamples") || r.out().contains("Patient"), r.out());
    }

    @Test
    void nothingReadableExitsOneWithAOneLineMessage(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("x.dcm"), "not dicom");
        Files.write(dir.resolve("y.dcm"), new byte[0]);
        Run r = inspect(dir.toString());
        assertEquals(1, r.exit());
        assertEquals(2, r.lines().size());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
    }

    @Test
    void aBadVocabularyIsAOneLineError(@TempDir Path dir) throws IOException {
        Path v = dir.resolve("v.txt");
        Files.writeString(v, "CHEST lung\n");
        Run r = inspect("--vocabulary", v.toString(), SharedData.data("dicom/pydicom-testfiles/CT_small.dcm").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("line 1"), r.err());
        assertEquals(1, r.err().strip().lines().count());
    }

    @Test
    void aUsersVocabularyDecidesAr(@TempDir Path dir) throws IOException {
        Path v = dir.resolve("v.txt");
        Files.writeString(v, "BONES: extremity, tibia\n");
        Run r = inspect("--vocabulary", v.toString(), SharedData.data("dicom/nema-compsamples/RG3_JPLL").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("BONES", r.lines().get(0).get("AR").asText());
        assertEquals("CR", r.lines().get(0).get("MOD").asText());
    }
}
