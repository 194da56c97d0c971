package org.pacscluster.experiment;

import org.pacscluster.io.InvalidSettingException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pacscluster.cluster.KMeans;
import org.pacscluster.cluster.KMeansConfig;
import org.pacscluster.cluster.KMeansResult;
import org.pacscluster.cluster.StudentT;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.evaluate.Scorecard;
import org.pacscluster.io.AtomicFiles;
import org.pacscluster.io.Csv;
import org.pacscluster.io.OutputFolder;
import org.pacscluster.io.ResumeKey;
import org.pacscluster.method.ClusteringModel;
import org.pacscluster.method.Method;
import org.pacscluster.method.Novelty;
import org.pacscluster.method.MethodSettings;
import org.pacscluster.method.TrainingContext;
import org.pacscluster.progress.Progress;
import org.pacscluster.report.LinePlot;

/**
 * Scores one method for several K on the test split — how the paper chose K = 25, for the user's own archive. The
 * method trains through the same path as everywhere else. Where the embedding does not depend on K (the fixed
 * features, the pre-trained CAE) it is computed once and only k-means repeats; CDEC and CIDEC fine-tune once per K
 * from one pre-trained CAE, shared through the checkpoint in {@code OUT/work}.
 */
public final class KSweep {
    /**
     * The scores at one K: the label-free ones a user can choose K by ({@link KChoice}: train inertia, stability,
     * test silhouette) and, where the data have labels, the test split's NMI and homogeneity.
     */
    public record Point(int k, double inertia, double stability, double silhouette, double nmiModality,
                        double homogeneityModality, double nmiRegion, double homogeneityRegion) {}

    /**
     * What to sweep.
     *
     * @param method           the method
     * @param ks               the values of K, each at least 2
     * @param trainLimit       at most this many train images (seeded subset; 0 = all)
     * @param testLimit        at most this many test images (0 = all)
     * @param silhouetteSample at most this many test points in the silhouette
     * @param settings         the method's settings (their K is replaced by each value of {@code ks})
     */
    public record Config(Method method, int[] ks, int trainLimit, int testLimit, int silhouetteSample,
                         MethodSettings settings) {
        public Config {
            ks = ks.clone();
            if (ks.length == 0) throw new InvalidSettingException("ks", "must hold at least one value of K");
            if (java.util.Arrays.stream(ks).distinct().count() < ks.length) {
                throw new InvalidSettingException("ks", "must not repeat a value, got " + java.util.Arrays.toString(ks));
            }
            for (int k : ks) if (k < 2) throw new InvalidSettingException("ks", "must each be at least 2, got " + k);
            if (trainLimit < 0) throw new InvalidSettingException("trainLimit", "must be >= 0 (0 = all), got " + trainLimit);
            if (testLimit < 0) throw new InvalidSettingException("testLimit", "must be >= 0 (0 = all), got " + testLimit);
            if (silhouetteSample < 2) throw new InvalidSettingException("silhouetteSample", "must be at least 2, got " + silhouetteSample);
        }

        @Override
        public int[] ks() { return ks.clone(); }
    }

    private final Dataset data;
    private final Config cfg;
    private final Path out;

    public KSweep(Dataset data, Config cfg, Path out) {
        this.data = data;
        this.cfg = cfg;
        this.out = out;
    }

    /**
     * The sweep folder as an output, continued only by a sweep of the same method, values of K, dataset, rows and
     * settings (the hardware aside).
     */
    public static OutputFolder.Kind outputKind(Dataset data, Config cfg) throws IOException {
        ResumeKey key = ResumeKey.builder("sweep").put("method", cfg.method().id()).put("dataset", data.fingerprint())
                .put("k", java.util.Arrays.toString(cfg.ks())).put("train limit", cfg.trainLimit())
                .put("test limit", cfg.testLimit()).put("silhouette sample", cfg.silhouetteSample())
                .putSettings("settings", cfg.settings(), s -> MethodSettings.onlyHardware(s) || s.equals("kmeans.k")
                        || MethodSettings.unusedBy(s, List.of(cfg.method())))
                .build();
        return new OutputFolder.Kind(key, List.of("sweep.csv", "sweep.png"), null, false);
    }

    public List<Point> run(Progress progress) throws IOException {
        long seed = cfg.settings().seed();
        int[] train = Experiment.trainRows(data, cfg.trainLimit(), seed);
        int[] test = Experiment.testRows(data, cfg.testLimit(), seed);
        Files.createDirectories(out);
        TrainingContext context = new TrainingContext(out.resolve("work"), null);
        double[][] trainX = null, testX = null;
        if (!cfg.method().finetunes()) {
            // the embedding does not depend on K: embed once, repeat only k-means
            progress.message("embedding with " + cfg.method().id());
            try (ClusteringModel model = cfg.method().train(data, train, cfg.settings().withK(cfg.ks()[0]), context)) {
                trainX = model.embed(data, train, Progress.NONE);
                testX = model.embed(data, test, Progress.NONE);
            }
        }
        List<Point> points = new ArrayList<>();
        int done = 0;
        for (int k : cfg.ks()) {
            progress.message(cfg.method().id() + " K=" + k);
            points.add(trainX != null ? kmeansOnly(k, trainX, test, testX, seed) : retrained(k, train, test, context, seed));
            progress.step(++done, cfg.ks().length);
            write(points);
        }
        return points;
    }

    /** K clusters of a K-independent embedding: k-means on the train rows, nearest centre for the test rows. */
    private Point kmeansOnly(int k, double[][] trainX, int[] test, double[][] testX, long seed) {
        KMeansConfig kmeans = cfg.settings().withK(k).kmeans();
        KMeansResult km = KMeans.fit(trainX, kmeans);
        int[] clusters = StudentT.assign(testX, km.centres()).clusters();
        return point(k, km.inertia(), KChoice.stability(trainX, testX, kmeans, seed),
                Scorecard.of(data, test, clusters, testX, cfg.silhouetteSample(), seed));
    }

    /**
     * CDEC/CIDEC fine-tune per K, from the pre-training shared through the work folder; inertia and stability are
     * measured in each K's own fine-tuned embedding.
     */
    private Point retrained(int k, int[] train, int[] test, TrainingContext context, long seed) throws IOException {
        try (ClusteringModel model = cfg.method().train(data, train, cfg.settings().withK(k), context)) {
            ClusteringModel.Placement placed = model.place(data, test, Progress.NONE);
            double[][] trainX = model.embed(data, train, Progress.NONE);
            double[][] centres = model.centres();
            double inertia = 0;
            for (double d : Novelty.distances(trainX, StudentT.assign(trainX, centres).clusters(), centres)) inertia += d * d;
            return point(k, inertia, KChoice.stability(trainX, placed.embedding(), cfg.settings().withK(k).kmeans(), seed),
                    Scorecard.of(data, test, placed.clusters(), placed.embedding(), cfg.silhouetteSample(), seed));
        }
    }

    private static Point point(int k, double inertia, double stability, Scorecard s) {
        return new Point(k, inertia, stability, s.silhouette(), s.modality().nmi(), s.modality().homogeneity(),
                s.region().nmi(), s.region().homogeneity());
    }

    private void write(List<Point> points) throws IOException {
        AtomicFiles.writeText(out.resolve("sweep.csv"), w -> {
            w.write(Csv.line("k", "inertia", "stability", "silhouette", "nmi_modality", "homogeneity_modality",
                    "nmi_region", "homogeneity_region"));
            w.write('\n');
            for (Point p : points) {
                w.write(Csv.line(p.k(), f(p.inertia()), f(p.stability()), f(p.silhouette()), f(p.nmiModality()),
                        f(p.homogeneityModality()), f(p.nmiRegion()), f(p.homogeneityRegion())));
                w.write('\n');
            }
        });
        double[] ks = points.stream().mapToDouble(Point::k).toArray();
        LinePlot.create().optTitle("K sweep: " + cfg.method().displayName() + " (test split)")
                .optXLabel("K").optYLabel("score")
                .series("stability", ks, points.stream().mapToDouble(Point::stability).toArray())
                .series("silhouette", ks, points.stream().mapToDouble(Point::silhouette).toArray())
                .series("NMI MOD", ks, points.stream().mapToDouble(Point::nmiModality).toArray())
                .series("HS MOD", ks, points.stream().mapToDouble(Point::homogeneityModality).toArray())
                .series("NMI AR", ks, points.stream().mapToDouble(Point::nmiRegion).toArray())
                .series("HS AR", ks, points.stream().mapToDouble(Point::homogeneityRegion).toArray())
                .write(out.resolve("sweep.png"));
    }

    private static String f(double v) { return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v); }
}
