package org.pacscluster.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PNG charts: what they draw is checked on their pixels. */
class PlotsTest {
    @TempDir Path tmp;

    @Test
    void paletteHasTwentyFiveDistinguishableColoursThatShowOnWhite() {
        assertTrue(Palette.size() >= 25);
        double minDelta = Double.POSITIVE_INFINITY;
        for (int a = 0; a < Palette.size(); a++) {
            double[] la = lab(Palette.color(a));
            assertTrue(la[0] < 90, "colour " + a + " is too light to see on white");
            for (int b = a + 1; b < Palette.size(); b++) minDelta = Math.min(minDelta, distance(la, lab(Palette.color(b))));
        }
        // CIE76 ΔE of 20 is clearly distinct side by side
        assertTrue(minDelta >= 20, "two palette colours are only ΔE " + minDelta + " apart");
    }

    @Test
    void labelsGetColoursInNaturalOrderAndUnknownIsGrey() {
        Map<String, Color> c = Palette.forLabels(List.of("10", "2", "UNKNOWN", "b", "a", "2"));
        assertEquals(List.of("2", "10", "a", "b", "UNKNOWN"), List.copyOf(c.keySet()));
        assertEquals(Palette.color(0), c.get("2"));
        assertEquals(Palette.color(1), c.get("10"));
        assertEquals(Palette.UNKNOWN, c.get("UNKNOWN"));
    }

    @Test
    void scatterPlotDrawsEachClassInItsColourWithALegend() throws Exception {
        // three blobs far apart, 200 points each
        double[][] xy = new double[600][];
        String[] lab = new String[600];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 600; i++) {
            int c = i % 3;
            xy[i] = new double[]{c * 10 + r.nextGaussian(), (c == 1 ? 8 : 0) + r.nextGaussian()};
            lab[i] = new String[]{"CT", "MR", "CR"}[c];
        }
        Path png = tmp.resolve("scatter.png");
        ScatterPlot.render(xy, lab, "test map", png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1000, img.getWidth());
        assertEquals(760, img.getHeight());
        Map<String, Color> colors = Palette.forLabels(List.of(lab));
        for (String l : List.of("CT", "MR", "CR")) {
            Color c = colors.get(l);
            // plot area (left 3/4) holds many pixels of the class colour; the legend (right) shows its swatch
            int inPlot = count(img, c, 0, 0, 720, 760), inLegend = count(img, c, 720, 0, 1000, 760);
            assertTrue(inPlot > 2000, l + ": only " + inPlot + " pixels of its colour in the plot");
            assertTrue(inLegend > 50, l + ": no legend swatch");
        }
        // blobs are apart: the CT colour is left of the CR colour
        assertTrue(meanX(img, colors.get("CT"), 720) < meanX(img, colors.get("CR"), 720));
    }

    @Test
    void scatterPlotRefusesMismatchedInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScatterPlot.of(new double[3][2], new String[2]));
        assertTrue(e.getMessage().contains("3 points but 2 labels"));
        assertThrows(IllegalArgumentException.class,
                () -> ScatterPlot.of(new double[][]{{0, Double.NaN}}, new String[]{"a"}));
    }

    @Test
    void linePlotDrawsEverySeries() throws Exception {
        double[] k = {5, 10, 15, 20, 25, 30};
        Path png = tmp.resolve("sweep.png");
        LinePlot.create().optTitle("sweep").optXLabel("K").optYLabel("score")
                .series("silhouette", k, new double[]{0.2, 0.25, 0.3, 0.28, 0.27, 0.26})
                .series("NMI MOD", k, new double[]{0.4, 0.5, 0.55, 0.6, 0.62, Double.NaN})
                .write(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1000, img.getWidth());
        assertTrue(count(img, Palette.color(0), 80, 56, 770, 536) > 500);
        assertTrue(count(img, Palette.color(1), 80, 56, 770, 536) > 500);
        assertArrayEquals(new double[]{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}, LinePlot.niceTicks(0.12, 0.87), 1e-12);
        assertThrows(IllegalStateException.class, () -> LinePlot.create().draw());
    }

    @Test
    void aDashedSeriesTakesTheColourOfTheSolidSeriesBeforeIt() {
        double[] x = {0, 0.25, 0.5, 0.75, 1};
        BufferedImage img = LinePlot.create()
                .series("HOG", x, new double[]{1, 0.9, 0.8, 0.7, 0.6})
                .dashedSeries("HOG, tag rarity", x, new double[]{0.2, 0.3, 0.4, 0.5, 0.6})
                .series("PCA", x, new double[]{0.5, 0.5, 0.5, 0.5, 0.5}).draw();
        // the plot area: the dashed line shares colour 0, PCA takes colour 1, colour 2 is never used
        int solidAndDashed = count(img, Palette.color(0), 80, 56, 770, 536);
        int solidAlone = count(LinePlot.create().series("HOG", x, new double[]{1, 0.9, 0.8, 0.7, 0.6}).draw(),
                Palette.color(0), 80, 56, 770, 536);
        assertTrue(solidAndDashed > solidAlone + 200, solidAndDashed + " vs " + solidAlone);
        assertTrue(count(img, Palette.color(1), 80, 56, 770, 536) > 500);
        assertEquals(0, count(img, Palette.color(2), 0, 0, img.getWidth(), img.getHeight()));
        assertThrows(IllegalStateException.class, () -> LinePlot.create().dashedSeries("alone", x, x));
    }

    @Test
    void montageShowsSampledMembersOfEachClusterWithTheirComposition() throws Exception {
        // image i is a constant grey of value (i + 1) / 40, so a thumbnail tells which image it is
        int n = 30, s = 8;
        int[] assignment = new int[n];
        String[] mod = new String[n];
        for (int i = 0; i < n; i++) {
            assignment[i] = i < 20 ? 0 : 2;          // cluster 1 is empty
            mod[i] = i < 15 ? "CT" : "MR";
        }
        Montage m = Montage.of(assignment, i -> {
            float[] px = new float[s * s];
            java.util.Arrays.fill(px, (i + 1) / 40f);
            return px;
        }, s).optLabels("MOD", mod).optSamples(4).optThumbnail(32).optSeed(3);
        List<ClusterSummary> sums = m.summaries();
        assertEquals(2, sums.size());
        assertEquals(20, sums.get(0).size());
        assertEquals(0.75, sums.get(0).composition().get("MOD").get(0).fraction(), 1e-12);
        assertEquals("CT 75%, MR 25%", ClusterSummary.describe(sums.get(0).composition().get("MOD"), 3));
        assertEquals(10, sums.get(1).size());
        assertEquals("MR", sums.get(1).composition().get("MOD").get(0).label());
        for (int idx : sums.get(0).samples()) assertEquals(0, assignment[idx]);
        for (int idx : sums.get(1).samples()) assertEquals(2, assignment[idx]);
        assertArrayEquals(sums.get(0).samples(), m.summaries().get(0).samples(), "same seed, same sample");
        assertEquals(4, java.util.Arrays.stream(sums.get(0).samples()).distinct().count());

        Path png = tmp.resolve("montage.png");
        m.write(png);
        BufferedImage img = ImageIO.read(png.toFile());
        // first thumbnail of the first row: its centre has the grey of the first sampled image
        int expected = Math.round(255 * (sums.get(0).samples()[0] + 1) / 40f);
        int rgb = img.getRGB(12 + 340 + 16, 12 + 16) & 0xFF;
        assertEquals(expected, rgb, 2);
        List<Path> each = m.writeEach(tmp.resolve("each"), "cluster-");
        assertEquals(List.of("cluster-0.png", "cluster-2.png"), each.stream().map(p -> p.getFileName().toString()).toList());
        assertTrue(Files.size(each.get(1)) > 0);
    }

    @Test
    void meanSdTableMarksTheBestOfEachColumn() {
        ReportTable t = ReportTable.meanSd("Method", List.of("NMI", "time s"), List.of("a", "b", "c"),
                new double[][]{{0.5, 10}, {0.7, 20}, {Double.NaN, 5}},
                new double[][]{{0.01, 1}, {0.02, 2}, {0, 0}}, new boolean[]{true, false}, 3);
        assertEquals("0.700 ± 0.020", t.rows().get(1).cells().get(0).text());
        assertTrue(t.rows().get(1).cells().get(0).best());
        assertFalse(t.rows().get(0).cells().get(0).best());
        assertEquals("–", t.rows().get(2).cells().get(0).text());
        assertTrue(t.rows().get(2).cells().get(1).best(), "lower time is better");
        String md = t.toMarkdown();
        assertTrue(md.contains("| b | **0.700 ± 0.020** | 20.000 ± 2.000 |"), md);
        assertTrue(t.toCsv().startsWith("Method,NMI,time s\n"));
    }

    private static int count(BufferedImage img, Color c, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < Math.min(y1, img.getHeight()); y++) {
            for (int x = x0; x < Math.min(x1, img.getWidth()); x++) if (near(img.getRGB(x, y), c)) n++;
        }
        return n;
    }

    private static double meanX(BufferedImage img, Color c, int xMax) {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) for (int x = 0; x < xMax; x++) if (near(img.getRGB(x, y), c)) { sum += x; n++; }
        return sum / n;
    }

    /** The pixel is the colour blended over white with an opacity of at least 0.6 (dots are translucent). */
    private static boolean near(int rgb, Color c) {
        double[] p = {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
        double[] q = {c.getRed(), c.getGreen(), c.getBlue()};
        // least-squares opacity a of p = a q + (1 - a) 255
        double num = 0, den = 0;
        for (int i = 0; i < 3; i++) { num += (p[i] - 255) * (q[i] - 255); den += (q[i] - 255) * (q[i] - 255); }
        double a = den == 0 ? 1 : num / den;
        if (a < 0.6 || a > 1.05) return false;
        for (int i = 0; i < 3; i++) if (Math.abs(p[i] - (a * q[i] + (1 - a) * 255)) > 12) return false;
        return true;
    }

    static double[] lab(Color c) {
        double[] rgb = {c.getRed() / 255.0, c.getGreen() / 255.0, c.getBlue() / 255.0};
        for (int i = 0; i < 3; i++) rgb[i] = rgb[i] <= 0.04045 ? rgb[i] / 12.92 : Math.pow((rgb[i] + 0.055) / 1.055, 2.4);
        double x = (0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]) / 0.95047;
        double y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
        double z = (0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]) / 1.08883;
        double fx = f(x), fy = f(y), fz = f(z);
        return new double[]{116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    private static double f(double t) { return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116; }

    private static double distance(double[] a, double[] b) {
        return Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
    }
}
