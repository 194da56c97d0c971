package org.pacscluster.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Several series of y against x as lines with markers, e.g. silhouette, NMI and homogeneity against K for the
 * sweep command. Axes get round ticks and a grid; the legend sits on the right.
 */
public final class LinePlot {
    /** {@code colour}: index into the palette; a dashed series is another view of the series of the same colour. */
    private record Series(String name, double[] x, double[] y, int colour, boolean dashed) {}

    private final List<Series> series = new ArrayList<>();
    private String title = "", xLabel = "", yLabel = "";
    private int width = 1000, height = 600;
    private boolean markers = true;

    private LinePlot() {}

    public static LinePlot create() { return new LinePlot(); }

    public LinePlot optTitle(String t) { title = t == null ? "" : t; return this; }

    public LinePlot optXLabel(String t) { xLabel = t == null ? "" : t; return this; }

    public LinePlot optYLabel(String t) { yLabel = t == null ? "" : t; return this; }

    public LinePlot optSize(int w, int h) { width = w; height = h; return this; }

    /** Whether each point gets a marker (default); off for dense curves such as precision–recall. */
    public LinePlot optMarkers(boolean on) { markers = on; return this; }

    /** Adds a series in the next colour; x and y have the same length; NaN values leave a gap. */
    public LinePlot series(String name, double[] x, double[] y) {
        int colour = (int) series.stream().filter(s -> !s.dashed()).count();
        return add(name, x, y, colour, false);
    }

    /**
     * Adds a dashed series in the colour of the last solid one: the same thing measured another way (e.g. a second
     * ranking of the same model's findings).
     */
    public LinePlot dashedSeries(String name, double[] x, double[] y) {
        if (series.isEmpty()) throw new IllegalStateException("a dashed series follows the solid series it belongs to");
        return add(name, x, y, series.get(series.size() - 1).colour(), true);
    }

    private LinePlot add(String name, double[] x, double[] y, int colour, boolean dashed) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but " + y.length + " y values");
        }
        for (double v : x) if (!Double.isFinite(v)) throw new IllegalArgumentException("series '" + name + "' has a non-finite x");
        series.add(new Series(name, x.clone(), y.clone(), colour, dashed));
        return this;
    }

    public void write(Path png) throws IOException { Charts.writePng(draw(), png); }

    public BufferedImage draw() {
        if (series.isEmpty()) throw new IllegalStateException("line plot '" + title + "' has no series");
        double[] range = range();
        double[] xt = niceTicks(range[0], range[1]), yt = niceTicks(range[2], range[3]);
        double x0 = Math.min(range[0], xt[0]), x1 = Math.max(range[1], xt[xt.length - 1]);
        double y0 = Math.min(range[2], yt[0]), y1 = Math.max(range[3], yt[yt.length - 1]);

        BufferedImage img = Charts.canvas(width, height);
        Graphics2D g = Charts.graphics(img);
        try {
            int left = 80, right = 230, top = 56, bottom = 64;
            int pw = width - left - right, ph = height - top - bottom;
            g.setColor(Charts.TEXT);
            g.setFont(Charts.font(Font.BOLD, 20));
            Charts.centred(g, title, width / 2, 30, width - 40);

            g.setFont(Charts.font(Font.PLAIN, 13));
            FontMetrics fm = g.getFontMetrics();
            for (double t : xt) {
                int sx = (int) Math.round(left + (t - x0) / (x1 - x0) * pw);
                g.setColor(Charts.GRID);
                g.drawLine(sx, top, sx, top + ph);
                g.setColor(Charts.TEXT);
                String s = tickLabel(t, xt);
                g.drawString(s, sx - fm.stringWidth(s) / 2, top + ph + 18);
            }
            for (double t : yt) {
                int sy = (int) Math.round(top + ph - (t - y0) / (y1 - y0) * ph);
                g.setColor(Charts.GRID);
                g.drawLine(left, sy, left + pw, sy);
                g.setColor(Charts.TEXT);
                String s = tickLabel(t, yt);
                g.drawString(s, left - 8 - fm.stringWidth(s), sy + fm.getAscent() / 2 - 1);
            }
            g.setColor(Charts.FRAME);
            g.drawRect(left, top, pw, ph);
            g.setColor(Charts.TEXT);
            g.setFont(Charts.font(Font.PLAIN, 15));
            Charts.centred(g, xLabel, left + pw / 2, height - 18, pw);
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            Charts.centred(g, yLabel, -(top + ph / 2), 22, ph);
            g.setTransform(saved);

            List<Charts.LegendEntry> legend = new ArrayList<>();
            for (int s = 0; s < series.size(); s++) {
                Series se = series.get(s);
                Color c = Palette.color(se.colour());
                legend.add(new Charts.LegendEntry(se.name(), c));
                g.setColor(c);
                g.setStroke(se.dashed()
                        ? new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {9f, 6f}, 0f)
                        : new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                Path2D.Double path = new Path2D.Double();
                boolean pen = false;
                for (int i = 0; i < se.x().length; i++) {
                    if (!Double.isFinite(se.y()[i])) { pen = false; continue; }
                    double sx = left + (se.x()[i] - x0) / (x1 - x0) * pw;
                    double sy = top + ph - (se.y()[i] - y0) / (y1 - y0) * ph;
                    if (pen) path.lineTo(sx, sy); else path.moveTo(sx, sy);
                    pen = true;
                    if (markers) g.fill(new java.awt.geom.Ellipse2D.Double(sx - 4.5, sy - 4.5, 9, 9));
                }
                g.draw(path);
            }
            Charts.legend(g, legend, left + pw + 20, top, right - 30, ph, true);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** min x, max x, min y, max y over the finite values; a flat range is widened. */
    private double[] range() {
        double[] r = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY};
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.y()[i])) continue;
                r[0] = Math.min(r[0], s.x()[i]); r[1] = Math.max(r[1], s.x()[i]);
                r[2] = Math.min(r[2], s.y()[i]); r[3] = Math.max(r[3], s.y()[i]);
            }
        }
        if (r[0] > r[1]) throw new IllegalStateException("line plot '" + title + "' has no finite values");
        for (int a = 0; a < 4; a += 2) {
            if (r[a] == r[a + 1]) { double pad = Math.max(Math.abs(r[a]) * 0.05, 0.5); r[a] -= pad; r[a + 1] += pad; }
        }
        return r;
    }

    /** About 5–10 ticks at 1, 2 or 5 × 10^k covering [lo, hi]. */
    static double[] niceTicks(double lo, double hi) {
        double raw = (hi - lo) / 8;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double m : new double[]{1, 2, 5, 10}) { step = m * mag; if (raw <= step) break; }
        double first = Math.floor(lo / step) * step, last = Math.ceil(hi / step) * step;
        int n = (int) Math.round((last - first) / step) + 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) t[i] = first + i * step;
        return t;
    }

    private static String tickLabel(double v, double[] ticks) {
        double step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", v);
    }
}
