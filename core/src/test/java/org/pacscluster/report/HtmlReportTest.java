package org.pacscluster.report;

import org.pacscluster.tsne.MapQuality;
import org.pacscluster.tsne.TsneConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML text of the report: escaped, self-contained, images embedded intact, blocks in order. */
class HtmlReportTest {
    @TempDir Path tmp;

    @Test
    void reportIsSelfContainedEscapedAndInOrder() throws Exception {
        BufferedImage img = new BufferedImage(120, 110, BufferedImage.TYPE_INT_RGB);
        img.setRGB(5, 7, 0x123456);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("dataset", "/data/a&b <x>");
        settings.put("k", "25");
        ReportTable table = new ReportTable(List.of("Method", "NMI"),
                List.of(new ReportTable.Row("CDEC \"deep\"", List.of(new ReportTable.Cell("0.6 ± 0.1", true)))));
        Path html = tmp.resolve("out/report.html");
        HtmlReport.builder().title("R <1>").keyValues("Settings", settings).heading("Results").table(table)
                .heading("Maps").figure("a", img).figure("b", img).paragraph("end").write(html);
        String s = Files.readString(html);
        assertTrue(s.contains("<title>R &lt;1&gt;</title>"));
        assertTrue(s.contains("<td>/data/a&amp;b &lt;x&gt;</td>"));
        assertTrue(s.contains("<th scope=\"row\">CDEC &quot;deep&quot;</th><td class=\"best\">0.6 ± 0.1</td>"));
        assertFalse(s.contains("http"), "no external references at all");
        // both figures in one gallery, which closes before the paragraph
        int gallery = s.indexOf("<div class=\"gallery\">");
        assertTrue(gallery > s.indexOf("id=\"s2\">Maps"));
        assertEquals(gallery, s.lastIndexOf("<div class=\"gallery\">"));
        assertTrue(s.indexOf("</div>", gallery) < s.indexOf("<p>end</p>"));
        // the embedded PNG decodes to the same pixels
        Matcher m = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)").matcher(s);
        assertTrue(m.find());
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
        assertEquals(120, back.getWidth());
        assertEquals(0x123456, back.getRGB(5, 7) & 0xFFFFFF);
        try (var files = Files.list(html.getParent())) {
            assertEquals(List.of("report.html"), files.map(p -> p.getFileName().toString()).toList(), "no temp files left");
        }
    }

    @Test
    void missingFigureFileIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HtmlReport.builder().figure("x", tmp.resolve("nope.png")));
        assertTrue(e.getMessage().contains("nope.png"));
    }

    @Test
    void tableRowsMustMatchTheHeader() {
        assertThrows(IllegalArgumentException.class, () -> new ReportTable(List.of("Method", "A", "B"),
                List.of(new ReportTable.Row("x", List.of(ReportTable.Cell.of("1"))))));
    }

    @Test
    void tsneMapsWritesOnePngPerLabelKind() throws Exception {
        double[][] emb = new double[60][6];
        String[] mod = new String[60], ar = new String[60];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 60; i++) {
            for (int j = 0; j < 6; j++) emb[i][j] = r.nextGaussian() + (i % 2) * 5;
            mod[i] = i % 2 == 0 ? "CT" : "MR";
            ar[i] = "UNKNOWN";
        }
        Map<String, String[]> kinds = new LinkedHashMap<>();
        kinds.put("MOD", mod);
        kinds.put("AR", ar);
        TsneMaps.Result res = TsneMaps.write(emb, kinds, "CAE + k-means", tmp,
                TsneConfig.builder().optIterations(300).build());
        assertEquals(List.of("tsne-cae-k-means-mod.png", "tsne-cae-k-means-ar.png"),
                res.pngs().values().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(1.0, MapQuality.knnAccuracy(res.map().xy(), mod, 5), 1e-12);
        assertEquals(1000, ImageIO.read(res.pngs().get("AR").toFile()).getWidth());
    }
}
