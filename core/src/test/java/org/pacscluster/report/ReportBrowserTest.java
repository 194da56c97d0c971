package org.pacscluster.report;

import org.pacscluster.tsne.Tsne;
import org.pacscluster.tsne.TsneResult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.pacscluster.SharedData;
import org.pacscluster.cluster.KMeans;
import org.pacscluster.cluster.KMeansConfig;

/**
 * A real report from real MedNIST images (t-SNE maps, a montage, a table, a sweep plot), opened in a real
 * browser: Debian's headless Chromium loads the file from disk; the rendered DOM must hold the table and the
 * decoded images, and the screenshot must show them. Skipped when Chromium is absent, unless PACSCLUSTER_CI=1.
 * The report and screenshot are kept in target/report-test/ to look at.
 */
class ReportBrowserTest {
    private static final Path OUT = Path.of("target", "report-test");

    @Test
    void realReportRendersInChromium() throws Exception {
        boolean ci = "1".equals(System.getenv("PACSCLUSTER_CI"));
        if (!ci) Assumptions.assumeTrue(HeadlessChromium.available(), "chromium not installed");
        Files.createDirectories(OUT);

        MednistSample data = MednistSample.firstOfEachClass(80);
        int n = data.pixels().length;
        double[][] x = data.asDoubles();
        TsneResult map = Tsne.embed(x, 0);
        Path byMod = OUT.resolve("tsne-mod.png"), byAr = OUT.resolve("tsne-ar.png");
        ScatterPlot.of(map.xy(), data.modality()).optTitle("t-SNE of MedNIST pixels, by modality")
                .optLegendTitle("MOD").write(byMod);
        ScatterPlot.of(map.xy(), data.region()).optTitle("t-SNE of MedNIST pixels, by region")
                .optLegendTitle("AR").write(byAr);

        int[] clusters = KMeans.fit(x, KMeansConfig.of(6, 0).withNInit(3)).labels();
        Path montage = OUT.resolve("montage.png");
        Montage.of(clusters, i -> data.pixels()[i], MednistSample.SIZE).optLabels("MOD", data.modality())
                .optLabels("AR", data.region()).optTitle("k-means (K = 6) on pixels").write(montage);

        double[] ks = {2, 3, 4, 5, 6, 7, 8};
        double[] purMod = new double[ks.length], purAr = new double[ks.length];
        for (int i = 0; i < ks.length; i++) {
            int[] a = KMeans.fit(x, KMeansConfig.of((int) ks[i], 1).withNInit(1)).labels();
            purMod[i] = purity(a, data.modality());
            purAr[i] = purity(a, data.region());
        }
        Path sweep = OUT.resolve("sweep.png");
        LinePlot.create().optTitle("Purity of k-means on pixels against K").optXLabel("K").optYLabel("purity")
                .series("purity MOD", ks, purMod).series("purity AR", ks, purAr).write(sweep);

        double[][] mean = new double[2][2], sd = new double[2][2];
        double[][][] inputs = {x, map.xy()};
        for (int m = 0; m < 2; m++) {
            double[][] runs = new double[3][2];
            for (int s = 0; s < 3; s++) {
                int[] a = KMeans.fit(inputs[m], KMeansConfig.of(6, s).withNInit(1)).labels();
                runs[s] = new double[]{purity(a, data.modality()), purity(a, data.region())};
            }
            for (int c = 0; c < 2; c++) {
                double mu = (runs[0][c] + runs[1][c] + runs[2][c]) / 3, v = 0;
                for (double[] r : runs) v += (r[c] - mu) * (r[c] - mu);
                mean[m][c] = mu;
                sd[m][c] = Math.sqrt(v / 2);
            }
        }
        ReportTable table = ReportTable.meanSd("Method", List.of("purity MOD", "purity AR"),
                List.of("k-means on pixels", "k-means on the t-SNE map"), mean, sd, new boolean[]{true, true}, 3);

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("dataset", "MedNIST, first 80 images of each of 6 classes (" + n + ")");
        settings.put("K", "6");
        settings.put("runs", "3");
        settings.put("t-SNE", "perplexity 30, theta 0.5, 1000 iterations, PCA to 50, " + String.format("%.1f s", map.seconds()));
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("data", SharedData.mednistZip().toString());
        provenance.put("java", System.getProperty("java.version"));

        Path html = OUT.resolve("report.html");
        HtmlReport.builder().title("MedNIST test report <K = 6>")
                .keyValues("Run settings", settings).keyValues("Provenance", provenance)
                .heading("Results").table(table, "mean ± sd over 3 seeds; best per column in bold")
                .heading("t-SNE maps").figure("by MOD", byMod).figure("by AR", byAr)
                .heading("Clusters").figure("k-means on pixels, K = 6", montage)
                .heading("K sweep").figure("purity against K", sweep)
                .write(html);
        String text = Files.readString(html);
        assertFalse(Pattern.compile("(src|href)=\"(https?:|//|file:)|url\\(").matcher(text).find(),
                "the report refers to something outside itself");
        assertTrue(text.contains("MedNIST test report &lt;K = 6&gt;"), "title is escaped");

        // 1. the DOM as Chromium rendered it
        String dom = HeadlessChromium.dumpDom(html, OUT);
        assertTrue(dom.contains("data-images-decoded=\"4/4\""), "not every image decoded: "
                + attr(dom, "data-images-decoded"));
        String results = between(dom, "<table class=\"results\">", "</table>");
        String body = between(results, "<tbody>", "</tbody>");
        assertEquals(2, count(body, "<tr>"), "result rows");
        assertTrue(body.contains("k-means on pixels") && body.contains("k-means on the t-SNE map"));
        assertEquals(3, count(results, "<th scope=\"col\">"), "result columns");
        assertTrue(count(results, "class=\"best\"") >= 2, "best cells marked");
        assertEquals(4, count(dom, "<img "), "images in the DOM");
        assertEquals(2, count(dom, "<table class=\"kv\">"), "settings and provenance tables");

        // 2. what a person sees
        Path shot = OUT.resolve("screenshot.png");
        HeadlessChromium.screenshot(html, shot, 1200, 3000, OUT);
        BufferedImage img = ImageIO.read(shot.toFile());
        assertEquals(1200, img.getWidth());
        assertEquals(3000, img.getHeight());
        int coloured = 0, dark = 0, darkTop = 0;
        for (int yy = 0; yy < img.getHeight(); yy++) {
            for (int xx = 0; xx < img.getWidth(); xx++) {
                int rgb = img.getRGB(xx, yy);
                int r = (rgb >> 16) & 0xFF, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
                int max = Math.max(r, Math.max(g, b)), min = Math.min(r, Math.min(g, b));
                if (max > 60 && (max - min) > 0.4 * max) coloured++;
                if (max < 90) { dark++; if (yy < 700) darkTop++; }
            }
        }
        System.out.printf("screenshot: %d coloured pixels, %d dark pixels (%d in the top 700 rows)%n", coloured, dark, darkTop);
        // the t-SNE dots and legends: a blank or broken page has none of these saturated pixels
        assertTrue(coloured > 20_000, "too few coloured pixels: " + coloured);
        // title, settings and the results table are text near the top
        assertTrue(darkTop > 5_000, "too little text near the top: " + darkTop);
    }

    static double purity(int[] assignment, String[] labels) {
        Montage m = Montage.of(assignment, i -> new float[1], 1).optLabels("L", labels);
        long top = 0;
        for (ClusterSummary s : m.summaries()) top += s.composition().get("L").get(0).count();
        return top / (double) assignment.length;
    }

    private static String between(String s, String start, String end) {
        int a = s.indexOf(start);
        assertTrue(a >= 0, "missing " + start);
        int b = s.indexOf(end, a);
        assertTrue(b >= 0, "missing " + end);
        return s.substring(a, b + end.length());
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }

    private static String attr(String dom, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(dom);
        return m.find() ? m.group(1) : "(absent)";
    }

}
