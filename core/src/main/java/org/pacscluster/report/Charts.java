package org.pacscluster.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.pacscluster.io.AtomicFiles;

/** What every chart shares: an antialiased white canvas, fonts, text fitting, legends and atomic PNG output. */
final class Charts {
    static {
        // plots are drawn on servers and in CI without a display
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    static final Color TEXT = new Color(0x222222);
    static final Color FRAME = new Color(0x888888);
    static final Color GRID = new Color(0xe6e6e6);
    static final String FONT = Font.SANS_SERIF;

    private Charts() {}

    /** A white canvas with antialiasing on; dispose the graphics when done. */
    static BufferedImage canvas(int width, int height) {
        if (width < 100 || height < 100 || width > 20000 || height > 60000) {
            throw new IllegalArgumentException("image size " + width + "×" + height + " is out of range");
        }
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }

    static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        return g;
    }

    static Font font(int style, int size) { return new Font(FONT, style, size); }

    /** Draws {@code text} centred on x at baseline y, shortened with an ellipsis to fit {@code maxWidth}. */
    static void centred(Graphics2D g, String text, int x, int y, int maxWidth) {
        String t = fit(g.getFontMetrics(), text, maxWidth);
        g.drawString(t, x - g.getFontMetrics().stringWidth(t) / 2, y);
    }

    /** {@code text}, shortened with an ellipsis if it is wider than {@code maxWidth} pixels. */
    static String fit(FontMetrics fm, String text, int maxWidth) {
        if (fm.stringWidth(text) <= maxWidth) return text;
        String t = text;
        while (t.length() > 1 && fm.stringWidth(t + "…") > maxWidth) t = t.substring(0, t.length() - 1);
        return t + "…";
    }

    /** One legend entry: a swatch and a text. */
    record LegendEntry(String text, Color color) {}

    /**
     * Draws a legend in the box (x, y, width, height): one entry a row, in columns when the rows do not fit;
     * the font shrinks down to 10 px before entries are cut. {@code line} draws a line swatch, else a dot.
     */
    static void legend(Graphics2D g, java.util.List<LegendEntry> entries, int x, int y, int width, int height,
                       boolean line) {
        if (entries.isEmpty()) return;
        int size = 15;
        int columns = 1;
        while (true) {
            int rowH = size + 7;
            int rows = Math.max(1, height / rowH);
            columns = (entries.size() + rows - 1) / rows;
            if (columns * 150 <= width || size <= 10) break;
            size--;
        }
        int rowH = size + 7;
        int rows = (entries.size() + columns - 1) / columns;
        int colW = width / columns;
        g.setFont(font(Font.PLAIN, size));
        FontMetrics fm = g.getFontMetrics();
        for (int e = 0; e < entries.size(); e++) {
            int cx = x + (e / rows) * colW, cy = y + (e % rows) * rowH;
            if (cy + rowH > y + height + rowH / 2) continue;
            LegendEntry le = entries.get(e);
            g.setColor(le.color());
            int mid = cy + rowH / 2;
            if (line) {
                g.setStroke(new BasicStroke(3f));
                g.drawLine(cx, mid, cx + 22, mid);
                g.fillOval(cx + 7, mid - 4, 8, 8);
            } else {
                g.fillOval(cx + 2, mid - 6, 12, 12);
            }
            g.setColor(TEXT);
            int tx = cx + (line ? 30 : 22);
            g.drawString(fit(fm, le.text(), colW - (tx - cx) - 6), tx, mid + fm.getAscent() / 2 - 1);
        }
    }

    /** The PNG bytes of an image. */
    static byte[] png(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", out)) throw new IllegalStateException("no PNG writer available");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes an image as PNG, atomically. */
    static void writePng(BufferedImage img, Path file) throws IOException {
        byte[] bytes = png(img);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
