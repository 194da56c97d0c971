package org.pacscluster.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pacscluster.cluster.KMeans;
import org.pacscluster.cluster.KMeansConfig;
import org.pacscluster.cluster.KMeansResult;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.LabelKind;
import org.pacscluster.deep.DecConfig;
import org.pacscluster.deep.DeepMethod;
import org.pacscluster.deep.DeepModel;
import org.pacscluster.deep.DeepPipeline;
import org.pacscluster.embed.Embedder;
import org.pacscluster.embed.Embedders;
import org.pacscluster.io.AtomicFiles;
import org.pacscluster.io.Csv;
import org.pacscluster.metrics.LabelScores;
import org.pacscluster.progress.Progress;
import org.pacscluster.report.LinePlot;

/**
 * Scores one method for several K on the test split — how the paper chose K = 25, for the user's own archive.
 * Fixed features and the CAE are embedded once and only k-means is repeated; CDEC and CIDEC fine-tune once per K
 * from one shared pre-trained CAE.
 */
public final class KSweep {
    /** The scores at one K. */
    public record Point(int k, double silhouette, double nmiModality, double homogeneityModality, double nmiRegion,
                        double homogeneityRegion) {}

    private final Dataset data;
    private final ExperimentConfig cfg;
    private final Path out;

    /** {@code cfg.methods()} holds the one method; {@code cfg.k()} is unused. */
    public KSweep(Dataset data, ExperimentConfig cfg, Path out) {
        if (cfg.methods().size() != 1) throw new IllegalArgumentException("a sweep takes exactly one --method");
        this.data = data;
        this.cfg = cfg;
        this.out = out;
    }

    public List<Point> run(int[] ks, Progress progress) throws IOException {
        for (int k : ks) if (k < 2) throw new IllegalArgumentException("every K must be at least 2, got " + k);
        String method = cfg.methods().get(0);
        int[] train = Experiment.trainRows(data, cfg), test = Experiment.testRows(data, cfg);
        MethodRunner runner = new MethodRunner(data, cfg);
        Files.createDirectories(out);
        List<Point> points = new ArrayList<>();
        double[][] trainX = null, testX = null;
        if (!method.equals("cdec") && !method.equals("cidec")) {
            progress.message("embedding with " + method);
            double[][][] both = embed(method, train, test, progress);
            trainX = both[0];
            testX = both[1];
        }
        int done = 0;
        for (int k : ks) {
            progress.message(method + " K=" + k);
            int[] clusters;
            double[][] x;
            if (trainX != null) {
                KMeansResult km = KMeans.fit(trainX, KMeansConfig.of(k, cfg.seed()).withNInit(cfg.kmeansInit()));
                clusters = km.predict(testX);
                x = testX;
            } else {
                ExperimentConfig one = withMethodAndK(method, k);
                MethodRunner.Outcome o = new MethodRunner(data, one).run(method, cfg.seed(), train, test,
                        out.resolve("work"), phase -> Progress.NONE);
                o.model().close();
                clusters = o.testClusters();
                x = o.testEmbedding();
            }
            Map<LabelKind, LabelScores> s = runner.scores(test, clusters);
            points.add(new Point(k, runner.silhouette(x, clusters, cfg.seed()), s.get(LabelKind.MODALITY).nmi(),
                    s.get(LabelKind.MODALITY).homogeneity(), s.get(LabelKind.REGION).nmi(), s.get(LabelKind.REGION).homogeneity()));
            progress.step(++done, ks.length);
            write(points, method);
        }
        return points;
    }

    private double[][][] embed(String method, int[] train, int[] test, Progress progress) throws IOException {
        if (method.equals("cae")) {
            DecConfig dec = DecConfig.paper(DeepMethod.CAE).withK(2).withKmeansInit(1);
            try (DeepModel m = DeepPipeline.train(data, train, cfg.cae().withInputSize(data.imageSize()).withSeed(cfg.seed()),
                    dec, out.resolve("work").resolve("pretrain.checkpoint"), phase -> Progress.NONE)) {
                return new double[][][] {m.embed(data, train, Progress.NONE), m.embed(data, test, Progress.NONE)};
            }
        }
        Embedder e = Embedders.create(method);
        e.fit(data, train, Progress.NONE);
        return new double[][][] {e.transform(data, train, Progress.NONE), e.transform(data, test, Progress.NONE)};
    }

    private ExperimentConfig withMethodAndK(String method, int k) {
        return new ExperimentConfig(List.of(method), k, 1, cfg.seed(), cfg.trainLimit(), cfg.testLimit(),
                cfg.kmeansInit(), cfg.silhouetteSample(), 0, cfg.cae(), cfg.finetuneEpochs());
    }

    private void write(List<Point> points, String method) throws IOException {
        AtomicFiles.writeText(out.resolve("sweep.csv"), w -> {
            w.write(Csv.line("k", "silhouette", "nmi_modality", "homogeneity_modality", "nmi_region", "homogeneity_region"));
            w.write('\n');
            for (Point p : points) {
                w.write(Csv.line(p.k(), f(p.silhouette()), f(p.nmiModality()), f(p.homogeneityModality()),
                        f(p.nmiRegion()), f(p.homogeneityRegion())));
                w.write('\n');
            }
        });
        double[] ks = points.stream().mapToDouble(Point::k).toArray();
        LinePlot.create().optTitle("K sweep: " + ExperimentConfig.displayName(method) + " (test split)")
                .optXLabel("K").optYLabel("score")
                .series("silhouette", ks, points.stream().mapToDouble(Point::silhouette).toArray())
                .series("NMI MOD", ks, points.stream().mapToDouble(Point::nmiModality).toArray())
                .series("HS MOD", ks, points.stream().mapToDouble(Point::homogeneityModality).toArray())
                .series("NMI AR", ks, points.stream().mapToDouble(Point::nmiRegion).toArray())
                .series("HS AR", ks, points.stream().mapToDouble(Point::homogeneityRegion).toArray())
                .write(out.resolve("sweep.png"));
    }

    private static String f(double v) { return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v); }
}
