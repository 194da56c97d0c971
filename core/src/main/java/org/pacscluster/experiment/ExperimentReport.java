package org.pacscluster.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.LabelKind;
import org.pacscluster.io.AtomicFiles;
import org.pacscluster.io.Csv;
import org.pacscluster.method.Method;
import org.pacscluster.method.Novelty;
import org.pacscluster.method.ModelFolder;
import org.pacscluster.method.ModelCard;
import org.pacscluster.progress.Progress;
import org.pacscluster.report.HtmlReport;
import org.pacscluster.report.Montage;
import org.pacscluster.report.ReportTable;
import org.pacscluster.tsne.TsneConfig;
import org.pacscluster.report.TsneMaps;

/**
 * Turns an experiment folder's runs.csv, assignments and embeddings into table.md, table.csv, the t-SNE maps, the
 * montages and report.html. It reads only files, so it can be re-made at any time.
 */
public final class ExperimentReport {
    private final Dataset data;
    private final ExperimentConfig cfg;
    private final Path out;

    public ExperimentReport(Dataset data, ExperimentConfig cfg, Path out) {
        this.data = data;
        this.cfg = cfg;
        this.out = out;
    }

    /** Table I: one row per method in the order asked, mean ± sd over runs, the best of each column marked. */
    public static ReportTable table(List<RunResult> results, List<Method> methods) {
        List<String> names = new ArrayList<>();
        List<double[]> means = new ArrayList<>(), sds = new ArrayList<>();
        int m = RunResult.TABLE_COLUMNS.size();
        for (Method method : methods) {
            List<double[]> rows = results.stream().filter(r -> r.method().equals(method.id())).map(RunResult::tableValues).toList();
            if (rows.isEmpty()) continue;
            double[] mean = new double[m], sd = new double[m];
            for (int c = 0; c < m; c++) {
                final int col = c;
                double[] v = rows.stream().mapToDouble(r -> r[col]).toArray();
                mean[c] = mean(v);
                sd[c] = sd(v, mean[c]);
            }
            names.add(method.displayName() + " (" + rows.size() + " run" + (rows.size() == 1 ? "" : "s") + ")");
            means.add(mean);
            sds.add(sd);
        }
        return ReportTable.meanSd("Algorithm", RunResult.TABLE_COLUMNS, names, means.toArray(double[][]::new),
                sds.toArray(double[][]::new), RunResult.HIGHER_IS_BETTER, 3);
    }

    static double mean(double[] v) {
        double s = 0;
        int n = 0;
        for (double x : v) if (!Double.isNaN(x)) { s += x; n++; }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Sample standard deviation (n − 1), NaN for fewer than 2 values. */
    static double sd(double[] v, double mean) {
        double s = 0;
        int n = 0;
        for (double x : v) if (!Double.isNaN(x)) { s += (x - mean) * (x - mean); n++; }
        return n < 2 ? Double.NaN : Math.sqrt(s / (n - 1));
    }

    /** Writes the table, the figures and report.html; the t-SNE maps' times go into {@code times}. */
    public void write(List<RunResult> results, Map<String, String> settings, Progress progress, StepTimes times)
            throws IOException {
        ReportTable table = table(results, cfg.methods());
        AtomicFiles.writeString(out.resolve("table.md"), table.toMarkdown());
        AtomicFiles.writeString(out.resolve("table.csv"), table.toCsv());
        int[] test = Experiment.testRows(data, cfg);
        Path figures = Files.createDirectories(out.resolve("figures"));

        HtmlReport.Builder html = HtmlReport.builder().title("pacscluster experiment: " + data.directory().getFileName())
                .paragraph("Every method trained on the train split and scored on the test split, " + cfg.runs()
                        + " independent runs (seeds " + cfg.seed() + "…" + (cfg.seed() + cfg.runs() - 1) + "), K = "
                        + cfg.k() + ". Means ± sample sd; the best of each column in bold. SS = silhouette in each "
                        + "method's own embedding; NMI/HS/ARI against anatomical region (AR) and modality (MOD).")
                .table(table, "Shaped like Table I of Manojlović et al.; ARI and time added.");

        String montageMethod = bestMethod(results);
        if (cfg.tsnePoints() > 0) {
            html.heading("t-SNE of each method's test embedding (run 1)");
            for (Method m : cfg.methods()) {
                String method = m.id();
                Path emb = out.resolve("embeddings").resolve(method + ".bin");
                if (!Files.exists(emb)) continue;
                double[][] x = Experiment.readEmbedding(emb);
                int[] pick = Dataset.sample(java.util.stream.IntStream.range(0, x.length).toArray(),
                        Math.min(cfg.tsnePoints(), x.length), cfg.seed());
                double[][] xs = new double[pick.length][];
                int[] rows = new int[pick.length];
                for (int i = 0; i < pick.length; i++) { xs[i] = x[pick[i]]; rows[i] = test[pick[i]]; }
                Map<String, String[]> kinds = new LinkedHashMap<>();
                kinds.put("MOD", data.labels(rows, LabelKind.MODALITY));
                kinds.put("AR", data.labels(rows, LabelKind.REGION));
                progress.message("t-SNE " + method);
                long t0 = System.nanoTime();
                TsneMaps.Result r = TsneMaps.write(xs, kinds, method, figures,
                        TsneConfig.builder().optSeed(cfg.seed()).build());
                times.add(method, StepTimes.REPORT_RUN, "t-SNE", (System.nanoTime() - t0) / 1e9);
                for (var e : r.pngs().entrySet()) {
                    html.figure(m.displayName() + ", coloured by " + e.getKey(), e.getValue());
                }
            }
        }
        if (montageMethod != null) {
            Path assignments = out.resolve("assignments").resolve(montageMethod + "-run0.csv");
            if (Files.exists(assignments)) {
                int[] clusters = readClusters(assignments, test.length);
                Montage montage = Montage.of(clusters, i -> data.image(test[i]), data.imageSize())
                        .optLabels("MOD", data.labels(test, LabelKind.MODALITY))
                        .optLabels("AR", data.labels(test, LabelKind.REGION))
                        .optTitle("Clusters of " + Method.parse(montageMethod).displayName() + " (run 1, test split)")
                        .optSeed(cfg.seed());
                Path png = figures.resolve("montage-" + montageMethod + ".png");
                montage.write(png);
                html.heading("Clusters at a glance: " + Method.parse(montageMethod).displayName())
                        .paragraph("The method with the best mean NMI against region. Each strip: sample test images of "
                                + "one cluster, its size and its modality/region make-up.")
                        .figure("Montage of " + montageMethod, png);
            }
        }
        ReportTable novel = noveltyTable(test.length);
        if (!novel.rows().isEmpty()) {
            html.heading("Images that fit no cluster")
                    .paragraph("Test images farther from their cluster's centre than the " + Novelty.DEFAULT_LEVEL
                            + " quantile of the training images' distances (run 1's model): what predict and audit"
                            + " flag as novel. Near " + Math.round((1 - Novelty.DEFAULT_LEVEL) * 100) + "% is expected"
                            + " for images like the training ones; an archive with unseen modalities shows more.")
                    .table(novel, "Share of the test split flagged as novel, per method.");
        }
        progress.message("audit check");
        long audit0 = System.nanoTime();
        new AuditCheckSection(data, out, cfg.seed()).write(html, cfg.methods(), test, figures);
        times.add("report", StepTimes.REPORT_RUN, "audit check", (System.nanoTime() - audit0) / 1e9);
        html.keyValues("Settings", settings);
        html.write(out.resolve("report.html"));
    }

    /** Per method with a saved, calibrated run-1 model: how many test images its novelty rule flags. */
    private ReportTable noveltyTable(int testImages) throws IOException {
        List<ReportTable.Row> rows = new ArrayList<>();
        for (Method m : cfg.methods()) {
            Path model = out.resolve("models").resolve(m.id());
            Path emb = out.resolve("embeddings").resolve(m.id() + ".bin");
            Path assignments = out.resolve("assignments").resolve(m.id() + "-run0.csv");
            if (!Files.exists(model.resolve(ModelCard.FILE)) || !Files.exists(emb) || !Files.exists(assignments)) continue;
            Novelty novelty = ModelFolder.readCard(model).novelty();
            if (novelty == null) continue;
            double threshold = novelty.threshold(Novelty.DEFAULT_LEVEL);
            double[] d = Novelty.distances(Experiment.readEmbedding(emb), readClusters(assignments, testImages),
                    ModelFolder.readCentres(model));
            long flagged = java.util.Arrays.stream(d).filter(x -> x > threshold).count();
            rows.add(new ReportTable.Row(m.displayName(), List.of(ReportTable.Cell.of(Long.toString(flagged)),
                    ReportTable.Cell.of(String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * flagged / d.length)))));
        }
        return new ReportTable(List.of("Method", "novel test images", "share"), rows);
    }

    /** The method with the best mean NMI against region, the paper's harder target. */
    static String bestMethod(List<RunResult> results) {
        Map<String, double[]> acc = new LinkedHashMap<>();
        for (RunResult r : results) {
            double[] a = acc.computeIfAbsent(r.method(), k -> new double[2]);
            a[0] += r.nmiRegion();
            a[1]++;
        }
        return acc.entrySet().stream().max((a, b) -> Double.compare(a.getValue()[0] / a.getValue()[1],
                b.getValue()[0] / b.getValue()[1])).map(Map.Entry::getKey).orElse(null);
    }

    private static int[] readClusters(Path file, int n) throws IOException {
        Csv.Table t = Csv.read(file);
        if (t.rows().size() != n) throw new IllegalArgumentException(file + " has " + t.rows().size() + " rows, expected " + n);
        int c = t.requireColumn("cluster", file.getFileName().toString());
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = Integer.parseInt(t.rows().get(i).get(c));
        return out;
    }


}
