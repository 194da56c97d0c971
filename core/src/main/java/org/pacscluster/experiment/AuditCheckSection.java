package org.pacscluster.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pacscluster.audit.Confidence;
import org.pacscluster.cluster.Assignments;
import org.pacscluster.cluster.StudentT;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.ImageRecord;
import org.pacscluster.io.AtomicFiles;
import org.pacscluster.io.Csv;
import org.pacscluster.method.Method;
import org.pacscluster.method.ModelCard;
import org.pacscluster.method.ModelFolder;
import org.pacscluster.method.Novelty;
import org.pacscluster.report.HtmlReport;
import org.pacscluster.report.LinePlot;
import org.pacscluster.report.ReportTable;

/**
 * The report's tag-audit section: {@link AuditCheck} for every method's run-1 model at each corruption share, as a
 * table, one precision–recall figure per share, {@code audit-check.csv} (the summary) and
 * {@code audit-check-curves.csv} (every rank of every curve, to plot elsewhere). It reads only the experiment
 * folder: the model's clusters and centres, the saved test embedding.
 */
final class AuditCheckSection {
    static final String SUMMARY = "audit-check.csv", CURVES = "audit-check-curves.csv";
    /** Points drawn per curve; the CSV keeps every rank. */
    private static final int PLOT_POINTS = 400;

    /** One method's check at one share, ranked by the audit's default rule and by the other one. */
    private record Checked(Method method, double share, Map<Confidence, AuditCheck.Score> byRule) {
        /** Ranked by the audit's default rule. */
        AuditCheck.Score score() { return byRule.get(Confidence.CLUSTER_PURITY); }
    }

    private final Dataset data;
    private final Path out;
    private final long seed;

    AuditCheckSection(Dataset data, Path out, long seed) {
        this.data = data;
        this.out = out;
        this.seed = seed;
    }

    /** Adds the section to {@code html} (nothing when no method has a saved model and embedding). */
    void write(HtmlReport.Builder html, List<Method> methods, int[] test, Path figures) throws IOException {
        List<ImageRecord> records = new ArrayList<>(test.length);
        for (int row : test) records.add(data.record(row));
        List<Checked> checked = new ArrayList<>();
        for (Method m : methods) {
            Path model = out.resolve("models").resolve(m.id());
            Path emb = out.resolve("embeddings").resolve(m.id() + ".bin");
            if (!Files.exists(model.resolve(ModelCard.FILE)) || !Files.exists(emb)) continue;
            ModelCard card = ModelFolder.readCard(model);
            double[][] x = Experiment.readEmbedding(emb), centres = ModelFolder.readCentres(model);
            if (x.length != test.length) continue; // an embedding of another test split: nothing to check it with
            Assignments assigned = StudentT.assign(x, centres);
            double[] distance = Novelty.distances(x, assigned.clusters(), centres);
            double threshold = card.novelty() == null ? Double.POSITIVE_INFINITY : card.novelty().threshold(Novelty.DEFAULT_LEVEL);
            for (double share : AuditCheck.SHARES) {
                Map<Confidence, AuditCheck.Score> byRule = new EnumMap<>(Confidence.class);
                for (Confidence rule : Confidence.values()) {
                    byRule.put(rule, AuditCheck.check(records, assigned, card.clusters(), i -> distance[i] > threshold,
                            share, seed, rule));
                }
                checked.add(new Checked(m, share, byRule));
            }
        }
        if (checked.isEmpty()) return;
        writeCsv(checked);
        html.heading("Tag audit check: how many wrong region tags the audit finds")
                .paragraph("The region tag of 1%, 2% and 5% of the test images (seeded) replaced by another region, then"
                        + " audited as the audit command does with each method's run-1 model (most confident first,"
                        + " images that fit no cluster skipped). N = the wrong tags planted; precision in the first N"
                        + " findings, recall in the first 2N, and average precision (area under the curve below)."
                        + " Ranked by the cluster's purity (the audit's default) and by how rare the image's own tag"
                        + " is in its cluster (audit --rank tag-rarity; random errors like these favour it, a common"
                        + " wrong value does not).")
                .table(table(checked), "Files: " + SUMMARY + ", " + CURVES + " (precision and recall at every rank).");
        for (double share : AuditCheck.SHARES) {
            LinePlot plot = LinePlot.create().optMarkers(false).optSize(1000, 560)
                    .optTitle(String.format(Locale.ROOT, "Audit precision–recall, %.0f%% of region tags wrong", share * 100))
                    .optXLabel("recall (share of the wrong tags found)").optYLabel("precision (share of findings that are wrong tags)");
            for (Checked c : checked) {
                if (c.share() != share || c.score().findings() == 0 || c.score().corrupted() == 0) continue;
                double[][] xy = thin(c.score().recall(), c.score().precision());
                plot.series(c.method().displayName(), xy[0], xy[1]);
                AuditCheck.Score rarity = c.byRule().get(Confidence.TAG_RARITY);
                if (rarity.findings() > 0) {
                    double[][] r = thin(rarity.recall(), rarity.precision());
                    plot.dashedSeries(c.method().displayName() + ", tag rarity", r[0], r[1]);
                }
            }
            Path png = figures.resolve(String.format(Locale.ROOT, "audit-pr-%02.0f.png", share * 100));
            try {
                plot.write(png);
            } catch (IllegalStateException noCurve) {
                continue; // no method listed any finding at this share
            }
            html.figure(String.format(Locale.ROOT, "Precision–recall of the audit at %.0f%% wrong region tags: solid"
                    + " lines rank by cluster purity (the default), dashed lines by tag rarity (points in %s)",
                    share * 100, CURVES), png);
        }
    }

    private static ReportTable table(List<Checked> checked) {
        List<ReportTable.Row> rows = new ArrayList<>();
        for (Checked c : checked) {
            AuditCheck.Score s = c.score();
            AuditCheck.Score p = c.byRule().get(Confidence.TAG_RARITY);
            rows.add(new ReportTable.Row(c.method().displayName(), List.of(
                    ReportTable.Cell.of(String.format(Locale.ROOT, "%.0f%%", c.share() * 100)),
                    ReportTable.Cell.of(Integer.toString(s.corrupted())), ReportTable.Cell.of(Integer.toString(s.findings())),
                    ReportTable.Cell.of(fmt(s.precisionAtN())), ReportTable.Cell.of(fmt(s.recallAt2N())),
                    ReportTable.Cell.of(fmt(s.averagePrecision())), ReportTable.Cell.of(fmt(p.precisionAtN())),
                    ReportTable.Cell.of(fmt(p.recallAt2N())), ReportTable.Cell.of(fmt(p.averagePrecision())))));
        }
        return new ReportTable(List.of("Method", "wrong tags", "N", "region findings", "precision top N", "recall top 2N",
                "average precision", "by tag rarity: precision top N", "recall top 2N", "average precision"), rows);
    }

    private void writeCsv(List<Checked> checked) throws IOException {
        AtomicFiles.writeText(out.resolve(SUMMARY), w -> {
            w.write(Csv.line("method", "share", "ranking", "corrupted", "findings", "precision_top_n", "recall_top_2n",
                    "average_precision"));
            w.write('\n');
            for (Checked c : checked) {
                for (Map.Entry<Confidence, AuditCheck.Score> e : c.byRule().entrySet()) {
                    AuditCheck.Score s = e.getValue();
                    w.write(Csv.line(c.method().id(), c.share(), ruleName(e.getKey()), s.corrupted(), s.findings(),
                            fmt(s.precisionAtN()), fmt(s.recallAt2N()), fmt(s.averagePrecision())));
                    w.write('\n');
                }
            }
        });
        AtomicFiles.writeText(out.resolve(CURVES), w -> {
            w.write(Csv.line("method", "share", "ranking", "rank", "wrong_tag", "precision", "recall"));
            w.write('\n');
            for (Checked c : checked) {
                for (Map.Entry<Confidence, AuditCheck.Score> e : c.byRule().entrySet()) {
                    AuditCheck.Score s = e.getValue();
                    double[] p = s.precision(), r = s.recall();
                    boolean[] hits = s.hits();
                    for (int i = 0; i < p.length; i++) {
                        w.write(Csv.line(c.method().id(), c.share(), ruleName(e.getKey()), i + 1, hits[i] ? 1 : 0,
                                fmt(p[i]), fmt(r[i])));
                        w.write('\n');
                    }
                }
            }
        });
    }

    private static String ruleName(Confidence rule) {
        return rule.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** At most {@link #PLOT_POINTS} evenly spaced ranks, the last one always kept. */
    static double[][] thin(double[] x, double[] y) {
        int n = x.length, m = Math.min(n, PLOT_POINTS);
        double[][] out = new double[2][m];
        for (int i = 0; i < m; i++) {
            int at = m == 1 ? n - 1 : (int) Math.round((double) i * (n - 1) / (m - 1));
            out[0][i] = x[at];
            out[1][i] = y[at];
        }
        return out;
    }

    private static String fmt(double v) { return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v); }
}
