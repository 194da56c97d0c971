package org.pacscluster.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pacscluster.io.Csv;

/**
 * A results table as shown to people: a header, then rows of one name and cells, each cell a text and whether it
 * is the best of its column. Rendered in the HTML report, as Markdown (best in bold) and as CSV.
 *
 * @param header the column headers, first the one over the row names (e.g. "Method")
 * @param rows   the rows; each has {@code header.size() - 1} cells
 */
public record ReportTable(List<String> header, List<Row> rows) {
    /** One cell: its text and whether it is the best value of its column. */
    public record Cell(String text, boolean best) {
        public static Cell of(String text) { return new Cell(text, false); }
    }

    /** One row: its name (first column) and its cells. */
    public record Row(String name, List<Cell> cells) {
        public Row { cells = List.copyOf(cells); }
    }

    public ReportTable {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
        if (header.isEmpty()) throw new IllegalArgumentException("a table needs at least one column");
        for (Row r : rows) {
            if (r.cells().size() != header.size() - 1) {
                throw new IllegalArgumentException("row '" + r.name() + "' has " + r.cells().size() + " cells, the header "
                        + (header.size() - 1) + " value columns");
            }
        }
    }

    /**
     * A table of mean ± sd per row and metric, the best mean of each column marked (the highest, or the lowest
     * where {@code higherIsBetter} is false; ties are all marked; NaN cells show "–" and never win).
     *
     * @param firstColumn header over the row names, e.g. "Method"
     * @param metrics     one header per value column, e.g. "NMI MOD"
     * @param rowNames    one name per row, e.g. "CDEC"
     * @param mean        rows × metrics
     * @param sd          rows × metrics, or null to show means only
     */
    public static ReportTable meanSd(String firstColumn, List<String> metrics, List<String> rowNames,
                                     double[][] mean, double[][] sd, boolean[] higherIsBetter, int decimals) {
        int m = metrics.size();
        if (mean.length != rowNames.size()) throw new IllegalArgumentException(rowNames.size() + " row names but " + mean.length + " rows of means");
        if (higherIsBetter.length != m) throw new IllegalArgumentException(m + " metrics but " + higherIsBetter.length + " directions");
        double[] best = new double[m];
        for (int c = 0; c < m; c++) {
            best[c] = Double.NaN;
            for (double[] row : mean) {
                if (row.length != m) throw new IllegalArgumentException("a row of means has " + row.length + " values, expected " + m);
                double v = row[c];
                if (Double.isNaN(v)) continue;
                if (Double.isNaN(best[c]) || (higherIsBetter[c] ? v > best[c] : v < best[c])) best[c] = v;
            }
        }
        String fmt = "%." + decimals + "f";
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < mean.length; r++) {
            List<Cell> cells = new ArrayList<>();
            for (int c = 0; c < m; c++) {
                double v = mean[r][c];
                if (Double.isNaN(v)) { cells.add(Cell.of("–")); continue; }
                String text = String.format(Locale.ROOT, fmt, v);
                if (sd != null && !Double.isNaN(sd[r][c])) text += " ± " + String.format(Locale.ROOT, fmt, sd[r][c]);
                // compare the shown precision so that ties on screen are ties in the marking
                boolean isBest = String.format(Locale.ROOT, fmt, v).equals(String.format(Locale.ROOT, fmt, best[c]));
                cells.add(new Cell(text, isBest));
            }
            rows.add(new Row(rowNames.get(r), cells));
        }
        List<String> header = new ArrayList<>();
        header.add(firstColumn);
        header.addAll(metrics);
        return new ReportTable(header, rows);
    }

    /** GitHub-flavoured Markdown, the best cells in bold. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", header.stream().map(ReportTable::md).toList())).append(" |\n");
        sb.append("|---").append("|---:".repeat(header.size() - 1)).append("|\n");
        for (Row r : rows) {
            sb.append("| ").append(md(r.name()));
            for (Cell c : r.cells()) sb.append(" | ").append(c.best() ? "**" + md(c.text()) + "**" : md(c.text()));
            sb.append(" |\n");
        }
        return sb.toString();
    }

    /** CSV with the header row; a best cell's text is followed by " *". */
    public String toCsv() {
        StringBuilder sb = new StringBuilder(Csv.line(header)).append('\n');
        for (Row r : rows) {
            List<String> f = new ArrayList<>();
            f.add(r.name());
            for (Cell c : r.cells()) f.add(c.best() ? c.text() + " *" : c.text());
            sb.append(Csv.line(f)).append('\n');
        }
        return sb.toString();
    }

    private static String md(String s) { return s.replace("|", "\\|").replace("\n", " "); }
}
