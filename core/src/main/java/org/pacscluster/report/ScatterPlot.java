package org.pacscluster.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.pacscluster.io.Shuffle;

/**
 * A 2-D map (e.g. t-SNE) as a PNG: points coloured by a categorical label, a legend with each label's count, a
 * title. Axes of such maps carry no meaning, so only a frame is drawn. Points are drawn in a fixed shuffled order so
 * that no class is hidden under another merely because it came last.
 */
public final class ScatterPlot {
    private final double[][] xy;
    private final String[] labels;
    private String title = "";
    private String legendTitle;
    private int width = 1000, height = 760;
    private double pointRadius = Double.NaN;
    private Map<String, Color> colors;

    private ScatterPlot(double[][] xy, String[] labels) {
        if (xy.length != labels.length) {
            throw new IllegalArgumentException("scatter plot: " + xy.length + " points but " + labels.length + " labels");
        }
        if (xy.length == 0) throw new IllegalArgumentException("scatter plot: no points");
        for (double[] p : xy) {
            if (p.length < 2 || !Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
                throw new IllegalArgumentException("scatter plot: every point needs two finite coordinates");
            }
        }
        this.xy = xy;
        this.labels = labels;
    }

    /** A plot of n points (n × 2) with one label each. */
    public static ScatterPlot of(double[][] xy, String[] labels) { return new ScatterPlot(xy, labels); }

    /** The one call: renders with the defaults and writes {@code png} atomically. */
    public static void render(double[][] xy, String[] labels, String title, Path png) throws IOException {
        of(xy, labels).optTitle(title).write(png);
    }

    public ScatterPlot optTitle(String t) { title = t == null ? "" : t; return this; }

    /** A heading over the legend, e.g. "MOD". */
    public ScatterPlot optLegendTitle(String t) { legendTitle = t; return this; }

    public ScatterPlot optSize(int w, int h) { width = w; height = h; return this; }

    /** Dot radius in pixels; by default it shrinks as the number of points grows. */
    public ScatterPlot optPointRadius(double r) { pointRadius = r; return this; }

    /** Fixed colours per label (e.g. shared by several plots); labels missing from the map are grey. */
    public ScatterPlot optColors(Map<String, Color> c) { colors = c; return this; }

    public void write(Path png) throws IOException { Charts.writePng(draw(), png); }

    public BufferedImage draw() {
        BufferedImage img = Charts.canvas(width, height);
        Graphics2D g = Charts.graphics(img);
        try {
            Map<String, Color> palette = colors != null ? colors : Palette.forLabels(Arrays.asList(labels));
            int top = 58, margin = 24, legendW = Math.min(300, width / 4);
            int side = Math.min(height - top - margin, width - legendW - 3 * margin);
            int px = margin, py = top;

            g.setColor(Charts.TEXT);
            g.setFont(Charts.font(Font.BOLD, 20));
            Charts.centred(g, title, width / 2, 28, width - 2 * margin);
            g.setFont(Charts.font(Font.PLAIN, 13));
            g.setColor(Charts.FRAME);
            Charts.centred(g, xy.length + " points", px + side / 2, 48, side);

            double[] bounds = bounds();
            double span = Math.max(bounds[2] - bounds[0], bounds[3] - bounds[1]);
            if (span == 0) span = 1;
            double scale = side * 0.94 / span;
            double cx = (bounds[0] + bounds[2]) / 2, cy = (bounds[1] + bounds[3]) / 2;
            double r = Double.isNaN(pointRadius) ? defaultRadius(xy.length) : pointRadius;
            for (int i : drawingOrder(xy.length)) {
                Color c = palette.getOrDefault(labels[i] == null ? "" : labels[i], Palette.UNKNOWN);
                g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 200));
                double sx = px + side / 2.0 + (xy[i][0] - cx) * scale;
                double sy = py + side / 2.0 - (xy[i][1] - cy) * scale;
                g.fill(new Ellipse2D.Double(sx - r, sy - r, 2 * r, 2 * r));
            }
            g.setColor(Charts.FRAME);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(px, py, side, side);

            int lx = px + side + 2 * margin, ly = py;
            if (legendTitle != null) {
                g.setColor(Charts.TEXT);
                g.setFont(Charts.font(Font.BOLD, 15));
                g.drawString(Charts.fit(g.getFontMetrics(), legendTitle, legendW), lx, ly + 14);
                ly += 26;
            }
            Charts.legend(g, legendEntries(palette), lx, ly, width - lx - margin, py + side - ly, false);
        } finally {
            g.dispose();
        }
        return img;
    }

    private List<Charts.LegendEntry> legendEntries(Map<String, Color> palette) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String l : palette.keySet()) counts.put(l, 0);
        for (String l : labels) counts.merge(l == null ? "" : l, 1, Integer::sum);
        List<Charts.LegendEntry> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() == 0) continue;
            String name = e.getKey().isBlank() ? "(none)" : e.getKey();
            out.add(new Charts.LegendEntry(name + " (" + e.getValue() + ")",
                    palette.getOrDefault(e.getKey(), Palette.UNKNOWN)));
        }
        return out;
    }

    private double[] bounds() {
        double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.NEGATIVE_INFINITY};
        for (double[] p : xy) {
            b[0] = Math.min(b[0], p[0]); b[1] = Math.min(b[1], p[1]);
            b[2] = Math.max(b[2], p[0]); b[3] = Math.max(b[3], p[1]);
        }
        return b;
    }

    private static double defaultRadius(int n) {
        if (n <= 1000) return 3.5;
        if (n <= 5000) return 2.6;
        if (n <= 20000) return 1.9;
        return 1.3;
    }

    private static int[] drawingOrder(int n) {
        return Shuffle.permutation(n, new Random(n));
    }
}
