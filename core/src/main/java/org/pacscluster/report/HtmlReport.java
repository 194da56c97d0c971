package org.pacscluster.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pacscluster.io.AtomicFiles;

/**
 * One self-contained HTML report: every image embedded as a base64 data URI, CSS inline, nothing fetched from
 * anywhere, so the file can be mailed or archived alone. Built as a list of blocks in reading order:
 *
 * <pre>{@code
 * HtmlReport.builder().title("MedNIST, K = 25")
 *     .keyValues("Run settings", settings).keyValues("Provenance", provenance)
 *     .heading("Results").table(table, "mean ± sd over 10 runs; best per column in bold")
 *     .heading("t-SNE maps").figure("CAE + k-means, by MOD", Path.of("tsne-cae-mod.png")) ...
 *     .write(Path.of("report.html"));
 * }</pre>
 *
 * Consecutive figures form a gallery (side by side where the window is wide enough to show each at full size).
 * When the page has loaded, a small inline script sets {@code data-images-decoded="ok/total"} on the body: the
 * number of images the browser actually decoded.
 */
public final class HtmlReport {
    private sealed interface Block permits Heading, Paragraph, KeyValues, Table, Figure {}
    private record Heading(String text) implements Block {}
    private record Paragraph(String text) implements Block {}
    private record KeyValues(String heading, Map<String, String> values) implements Block {}
    private record Table(ReportTable table, String note) implements Block {}
    private record Figure(String caption, byte[] png) implements Block {}

    private final String title;
    private final List<Block> blocks;

    private HtmlReport(String title, List<Block> blocks) {
        this.title = title;
        this.blocks = List.copyOf(blocks);
    }

    public static Builder builder() { return new Builder(); }

    /** Adds report parts in reading order. */
    public static final class Builder {
        private String title = "pacscluster report";
        private final List<Block> blocks = new ArrayList<>();

        private Builder() {}

        public Builder title(String t) { title = t; return this; }

        /** A section heading; the sections are listed at the top of the page. */
        public Builder heading(String text) { blocks.add(new Heading(text)); return this; }

        public Builder paragraph(String text) { blocks.add(new Paragraph(text)); return this; }

        /** A two-column table of settings or provenance, in the map's order. */
        public Builder keyValues(String heading, Map<String, String> values) {
            blocks.add(new KeyValues(heading, new LinkedHashMap<>(values)));
            return this;
        }

        /** A results table; {@code note} (may be null) is shown under it. */
        public Builder table(ReportTable table, String note) { blocks.add(new Table(table, note)); return this; }

        public Builder table(ReportTable table) { return table(table, null); }

        public Builder figure(String caption, byte[] png) { blocks.add(new Figure(caption, png.clone())); return this; }

        public Builder figure(String caption, BufferedImage image) { return figure(caption, Charts.png(image)); }

        public Builder figure(String caption, Path png) throws IOException {
            if (!Files.isRegularFile(png)) throw new IllegalArgumentException("report figure " + png + " does not exist");
            return figure(caption, Files.readAllBytes(png));
        }

        public HtmlReport build() { return new HtmlReport(title, blocks); }

        /** Builds and writes the report atomically. */
        public void write(Path html) throws IOException { build().write(html); }
    }

    public void write(Path html) throws IOException { AtomicFiles.writeString(html, toHtml()); }

    public String toHtml() {
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body data-images-decoded=\"pending\">\n<main>\n<h1>").append(esc(title))
                .append("</h1>\n");
        contents(sb);
        boolean inGallery = false;
        int section = 0;
        for (Block b : blocks) {
            boolean figure = b instanceof Figure;
            if (inGallery && !figure) { sb.append("</div>\n"); inGallery = false; }
            if (figure && !inGallery) { sb.append("<div class=\"gallery\">\n"); inGallery = true; }
            if (b instanceof Heading h) {
                sb.append("<h2 id=\"s").append(++section).append("\">").append(esc(h.text())).append("</h2>\n");
            } else if (b instanceof Paragraph p) {
                sb.append("<p>").append(esc(p.text())).append("</p>\n");
            } else if (b instanceof KeyValues kv) {
                keyValues(sb, kv);
            } else if (b instanceof Table t) {
                table(sb, t);
            } else if (b instanceof Figure f) {
                sb.append("<figure><img alt=\"").append(esc(f.caption())).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(f.png())).append("\"><figcaption>")
                        .append(esc(f.caption())).append("</figcaption></figure>\n");
            }
        }
        if (inGallery) sb.append("</div>\n");
        sb.append("</main>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return sb.toString();
    }

    private void contents(StringBuilder sb) {
        List<String> headings = blocks.stream().filter(b -> b instanceof Heading).map(b -> ((Heading) b).text()).toList();
        if (headings.size() < 2) return;
        sb.append("<nav><ol>\n");
        for (int i = 0; i < headings.size(); i++) {
            sb.append("<li><a href=\"#s").append(i + 1).append("\">").append(esc(headings.get(i))).append("</a></li>\n");
        }
        sb.append("</ol></nav>\n");
    }

    private static void keyValues(StringBuilder sb, KeyValues kv) {
        sb.append("<table class=\"kv\">\n");
        if (kv.heading() != null && !kv.heading().isBlank()) {
            sb.append("<caption>").append(esc(kv.heading())).append("</caption>\n");
        }
        for (Map.Entry<String, String> e : kv.values().entrySet()) {
            sb.append("<tr><th scope=\"row\">").append(esc(e.getKey())).append("</th><td>")
                    .append(esc(e.getValue())).append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    private static void table(StringBuilder sb, Table t) {
        ReportTable rt = t.table();
        sb.append("<div class=\"scroll\"><table class=\"results\">\n<thead><tr>");
        for (String h : rt.header()) sb.append("<th scope=\"col\">").append(esc(h)).append("</th>");
        sb.append("</tr></thead>\n<tbody>\n");
        for (ReportTable.Row r : rt.rows()) {
            sb.append("<tr><th scope=\"row\">").append(esc(r.name())).append("</th>");
            for (ReportTable.Cell c : r.cells()) {
                sb.append(c.best() ? "<td class=\"best\">" : "<td>").append(esc(c.text())).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table></div>\n");
        if (t.note() != null && !t.note().isBlank()) sb.append("<p class=\"note\">").append(esc(t.note())).append("</p>\n");
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final String CSS = """
            body { margin: 0; background: #fafafa; color: #222; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", \
            "DejaVu Sans", sans-serif; }
            main { max-width: 1900px; margin: 0 auto; padding: 16px 28px 48px; }
            h1 { font-size: 26px; margin: 8px 0 12px; }
            h2 { font-size: 20px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #ddd; }
            nav ol { margin: 0 0 8px; padding-left: 22px; columns: 2; max-width: 720px; }
            table { border-collapse: collapse; margin: 8px 0; background: #fff; }
            th, td { border: 1px solid #d4d4d4; padding: 5px 10px; }
            caption { text-align: left; font-weight: 600; padding: 4px 0; }
            table.kv th { text-align: left; font-weight: 600; background: #f2f4f7; }
            table.kv td { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; word-break: break-all; }
            table.results thead th { background: #e9eef5; }
            table.results tbody th { text-align: left; }
            table.results td { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            table.results td.best { font-weight: 700; background: #e3f4e1; }
            .scroll { overflow-x: auto; }
            p.note { color: #555; font-size: 13px; margin-top: 2px; }
            .gallery { display: grid; gap: 14px; grid-template-columns: repeat(auto-fill, minmax(min(100%, 900px), 1fr)); }
            figure { margin: 0; background: #fff; border: 1px solid #ddd; padding: 6px; }
            figure img { display: block; max-width: 100%; height: auto; margin: 0 auto; }
            figcaption { font-size: 13px; color: #444; padding: 4px 2px 0; }
            """;

    private static final String SCRIPT = """
            window.addEventListener('load', function () {
              var imgs = document.images, ok = 0;
              for (var i = 0; i < imgs.length; i++) if (imgs[i].complete && imgs[i].naturalWidth > 0) ok++;
              document.body.setAttribute('data-images-decoded', ok + '/' + imgs.length);
            });
            """;
}
