package org.pacscluster.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.pacscluster.io.Shuffle;

/**
 * Per-cluster montages: for each cluster of an assignment, a strip of sample thumbnails beside its size and its
 * label composition (e.g. "MOD: CT 81%, MR 12%"), the view a radiologist uses to judge a cluster at a glance.
 * Either one tall PNG with a row per cluster ({@link #write}) or one PNG per cluster ({@link #writeEach}).
 * Samples are drawn without replacement with a fixed seed, so the same call shows the same images.
 */
public final class Montage {
    private static final int TEXT_WIDTH = 340, GAP = 6, PAD = 12;

    private final int[] assignment;
    private final IntFunction<float[]> pixels;
    private final int imageSize;
    private final Map<String, String[]> labelKinds = new LinkedHashMap<>();
    private String title = "";
    private int samples = 10, thumbnail = 64, topLabels = 3;
    private long seed;

    private Montage(int[] assignment, IntFunction<float[]> pixels, int imageSize) {
        if (assignment.length == 0) throw new IllegalArgumentException("montage: no images");
        for (int c : assignment) if (c < 0) throw new IllegalArgumentException("montage: negative cluster id " + c);
        if (imageSize < 1) throw new IllegalArgumentException("montage: image size must be positive");
        this.assignment = assignment;
        this.pixels = pixels;
        this.imageSize = imageSize;
    }

    /**
     * Montages of an assignment: {@code assignment[i]} is the cluster of image i, and {@code pixels.apply(i)} gives
     * image i as S×S values in [0, 1], row-major (e.g. {@code row -> dataset.image(rows[row])}).
     */
    public static Montage of(int[] assignment, IntFunction<float[]> pixels, int imageSize) {
        return new Montage(assignment, pixels, imageSize);
    }

    /** Adds a label kind shown as composition, e.g. ("MOD", modality of each image). */
    public Montage optLabels(String kind, String[] labels) {
        if (labels.length != assignment.length) {
            throw new IllegalArgumentException("montage: " + assignment.length + " images but " + labels.length
                    + " " + kind + " labels");
        }
        labelKinds.put(kind, labels);
        return this;
    }

    public Montage optTitle(String t) { title = t == null ? "" : t; return this; }

    /** Thumbnails per cluster (default 10). */
    public Montage optSamples(int n) {
        if (n < 1 || n > 200) throw new IllegalArgumentException("montage: samples per cluster must be in [1, 200]");
        samples = n;
        return this;
    }

    /** Thumbnail side in pixels (default 64). */
    public Montage optThumbnail(int px) {
        if (px < 8 || px > 512) throw new IllegalArgumentException("montage: thumbnail size must be in [8, 512]");
        thumbnail = px;
        return this;
    }

    /** Labels listed per kind before "other" (default 3). */
    public Montage optTopLabels(int n) { topLabels = Math.max(1, n); return this; }

    public Montage optSeed(long s) { seed = s; return this; }

    /** Size, samples and composition of every non-empty cluster, by cluster id. */
    public List<ClusterSummary> summaries() {
        int k = Arrays.stream(assignment).max().orElse(-1) + 1;
        int[] count = new int[k];
        for (int c : assignment) count[c]++;
        int[][] members = new int[k][];
        for (int c = 0; c < k; c++) members[c] = new int[count[c]];
        int[] fill = new int[k];
        for (int i = 0; i < assignment.length; i++) members[assignment[i]][fill[assignment[i]]++] = i;
        List<ClusterSummary> out = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            if (count[c] == 0) continue;
            out.add(new ClusterSummary(c, count[c], sample(members[c], c),
                    ClusterSummary.composition(members[c], labelKinds)));
        }
        return out;
    }

    private int[] sample(int[] members, int cluster) {
        return Shuffle.sample(members, Math.min(samples, members.length), new Random(seed * 1_000_003L + cluster));
    }

    /** One tall PNG, a row per cluster, written atomically. */
    public void write(Path png) throws IOException { Charts.writePng(draw(), png); }

    /** One PNG per cluster, {@code prefix + id + ".png"} in {@code dir}; returns the files in cluster order. */
    public List<Path> writeEach(Path dir, String prefix) throws IOException {
        List<Path> out = new ArrayList<>();
        Map<String, Map<String, Color>> colors = colors();
        for (ClusterSummary s : summaries()) {
            Path p = dir.resolve(prefix + s.cluster() + ".png");
            BufferedImage img = Charts.canvas(rowWidth(), Math.max(100, rowHeight() + 2 * PAD));
            Graphics2D g = Charts.graphics(img);
            try {
                drawRow(g, s, PAD, colors);
            } finally {
                g.dispose();
            }
            Charts.writePng(img, p);
            out.add(p);
        }
        return out;
    }

    public BufferedImage draw() {
        List<ClusterSummary> all = summaries();
        int head = title.isEmpty() ? PAD : 48;
        int rowH = rowHeight();
        BufferedImage img = Charts.canvas(rowWidth(), Math.max(100, head + all.size() * (rowH + GAP) + PAD));
        Graphics2D g = Charts.graphics(img);
        try {
            if (!title.isEmpty()) {
                g.setColor(Charts.TEXT);
                g.setFont(Charts.font(Font.BOLD, 20));
                Charts.centred(g, title, img.getWidth() / 2, 30, img.getWidth() - 2 * PAD);
            }
            Map<String, Map<String, Color>> colors = colors();
            int y = head;
            for (int r = 0; r < all.size(); r++) {
                if (r % 2 == 1) {
                    g.setColor(new Color(0xf4f6f8));
                    g.fillRect(0, y - GAP / 2, img.getWidth(), rowH + GAP);
                }
                drawRow(g, all.get(r), y, colors);
                y += rowH + GAP;
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private Map<String, Map<String, Color>> colors() {
        Map<String, Map<String, Color>> out = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : labelKinds.entrySet()) {
            out.put(e.getKey(), Palette.forLabels(Arrays.asList(e.getValue())));
        }
        return out;
    }

    private int rowWidth() { return PAD + TEXT_WIDTH + samples * (thumbnail + GAP) + PAD; }

    private int rowHeight() {
        int textLines = 1 + labelKinds.size() * 2;
        return Math.max(thumbnail, textLines * 18 + 4);
    }

    private void drawRow(Graphics2D g, ClusterSummary s, int y, Map<String, Map<String, Color>> colors) {
        g.setColor(Charts.TEXT);
        g.setFont(Charts.font(Font.BOLD, 15));
        g.drawString("Cluster " + s.cluster() + "  ·  " + s.size() + (s.size() == 1 ? " image" : " images"),
                PAD, y + 15);
        int ty = y + 15;
        for (Map.Entry<String, List<ClusterSummary.Share>> e : s.composition().entrySet()) {
            ty += 18;
            g.setFont(Charts.font(Font.BOLD, 13));
            g.setColor(Charts.TEXT);
            g.drawString(e.getKey(), PAD, ty);
            ty += 18;
            drawShares(g, e.getValue(), colors.get(e.getKey()), PAD, ty);
        }
        int x = PAD + TEXT_WIDTH;
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        for (int idx : s.samples()) {
            g.drawImage(grey(pixels.apply(idx)), x, y, thumbnail, thumbnail, null);
            g.setColor(new Color(0xcccccc));
            g.drawRect(x, y, thumbnail - 1, thumbnail - 1);
            x += thumbnail + GAP;
        }
    }

    /** "■ CT 81%  ■ MR 12%  other 7%" with the label colours of the scatter plots. */
    private void drawShares(Graphics2D g, List<ClusterSummary.Share> shares, Map<String, Color> colors, int x, int y) {
        g.setFont(Charts.font(Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        int limit = PAD + TEXT_WIDTH - 10;
        double rest = 1;
        int shown = 0;
        for (ClusterSummary.Share sh : shares) {
            if (shown == topLabels) break;
            String text = sh.label() + " " + ClusterSummary.percent(sh.fraction());
            int w = 14 + fm.stringWidth(text) + 10;
            if (x + w > limit && shown > 0) break;
            g.setColor(colors.getOrDefault(sh.label(), Palette.UNKNOWN));
            g.fillRect(x, y - 10, 10, 10);
            g.setColor(Charts.TEXT);
            g.drawString(Charts.fit(fm, text, limit - x - 14), x + 14, y);
            x += w;
            rest -= sh.fraction();
            shown++;
        }
        if (shown < shares.size()) {
            g.setColor(Charts.FRAME);
            g.drawString(Charts.fit(fm, "other " + ClusterSummary.percent(Math.max(rest, 0)), Math.max(limit - x, 20)), x, y);
        }
    }

    private BufferedImage grey(float[] px) {
        if (px.length != imageSize * imageSize) {
            throw new IllegalArgumentException("montage: image has " + px.length + " pixels, expected "
                    + imageSize + "×" + imageSize);
        }
        BufferedImage img = new BufferedImage(imageSize, imageSize, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        int[] row = new int[imageSize];
        for (int y = 0; y < imageSize; y++) {
            for (int x = 0; x < imageSize; x++) {
                float v = px[y * imageSize + x];
                row[x] = Math.round(255 * (Float.isNaN(v) ? 0 : Math.max(0, Math.min(1, v))));
            }
            r.setPixels(0, y, imageSize, 1, row);
        }
        return img;
    }
}
