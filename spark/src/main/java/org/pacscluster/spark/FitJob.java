package org.pacscluster.spark;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.pacscluster.cli.PacsOptionsMixin;
import org.pacscluster.cluster.StudentT;
import org.pacscluster.embed.Embedder;
import org.pacscluster.embed.PcaEmbedder;
import org.pacscluster.evaluate.ClusterMakeup;
import org.pacscluster.io.OutputFolder;
import org.pacscluster.io.OutputPaths;
import org.pacscluster.io.ResumeKey;
import org.pacscluster.method.ClusteringModel;
import org.pacscluster.method.Method;
import org.pacscluster.method.MethodSettings;
import org.pacscluster.method.ModelCard;
import org.pacscluster.method.ModelFolder;
import org.pacscluster.method.Novelty;
import org.pacscluster.pacs.PacsSourceOptions;
import org.pacscluster.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spark fit}: a fixed-feature model (pixels, HOG, LBP, PCA) fitted on more images than one JVM holds. The
 * embedder is fitted on the driver — PCA on a seeded sample, with the core's {@link PcaEmbedder}; the descriptors
 * learn nothing — and shipped to the executors, which embed every image with it; Spark ML's {@code KMeans} finds
 * the centres on the distributed embedding. A second pass assigns each image with the core's rule
 * ({@link StudentT}, nearest centre) and returns only its cluster, labels and distance (8 bytes per image for the
 * novelty calibration), from which the driver writes the same model folder {@code pacscluster train} writes
 * ({@link Method#fixedFeatureModel}, {@link ModelCard#of}), so {@code predict} on one machine uses it.
 *
 * <p>Deep methods train on one machine ({@code pacscluster train}); their encoder is not fitted here.
 */
final class FitJob {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final StructType EMBEDDED = new StructType()
            .add("modality", DataTypes.StringType).add("region", DataTypes.StringType)
            .add("features", DataTypes.createArrayType(DataTypes.DoubleType, false));
    private static final StructType PLACED = new StructType()
            .add("cluster", DataTypes.IntegerType, false).add("modality", DataTypes.StringType)
            .add("region", DataTypes.StringType).add("distance", DataTypes.DoubleType, false);

    private FitJob() {}

    /** What to fit: a method with its settings, or the method, settings and fitted embedder of a saved model. */
    record Settings(Method method, int k, long seed, int restarts, int sample, Path fromModel, int size,
                    String vocabulary, String frame, int partitions) {}

    /** Images the centres were fitted on, the sample the embedder was fitted on, the k-means inertia. */
    record Result(long images, int sample, double inertia, ModelCard card) {}

    static Result run(SparkSession s, List<String> sources, Settings settings, PacsSourceOptions pacs, Path out,
                      boolean overwrite, FaultHook hook) throws Exception {
        long t0 = System.nanoTime();
        Method method = settings.method();
        MethodSettings ms;
        int size = settings.size();           // DICOM sources; a dataset or a model sets its own
        if (settings.fromModel() != null) {
            ModelCard from = ModelFolder.readCard(settings.fromModel());
            method = from.method();
            ms = from.settings().withK(settings.k()).withSeed(settings.seed());
            size = from.preprocessing().imageSize();
        } else {
            ms = MethodSettings.paper().withK(settings.k()).withSeed(settings.seed());
        }
        if (method.isDeep()) {
            throw new IllegalArgumentException("spark fit fits the fixed-feature methods (pixels, hog, lbp, pca);"
                    + " train " + method + " with 'pacscluster train' on one machine");
        }
        // Spark ML's k-means runs once per start (k-means||); the restarts are ours, seeds seed, seed + 1, ...
        ms = ms.withKmeansInit(settings.restarts());
        List<Method> fitted = List.of(method);
        ResumeKey key = ResumeKey.builder("model").put("method", method.id()).put("sources", String.join(", ", sources))
                .putSettings("settings", ms, name -> MethodSettings.onlyHardware(name) || MethodSettings.unusedBy(name, fitted))
                .put("sample", settings.sample()).build();
        List<OutputPaths.Input> inputs = new ArrayList<>();
        for (String src : sources) if (!src.contains("://")) inputs.add(OutputPaths.input("source", Path.of(src)));
        if (settings.fromModel() != null) inputs.add(OutputPaths.input("model", settings.fromModel()));
        Inputs.Images in = Inputs.open(s, sources, new Decoding(size, 8, settings.vocabulary(), settings.frame()), pacs,
                settings.partitions(), hook);
        try (OutputFolder folder = OutputFolder.claim(out, ModelFolder.outputKind(key), inputs, overwrite, "spark fit")) {
            Dataset<Row> images = in.images().persist(StorageLevel.MEMORY_AND_DISK());
            long n = images.count();
            if (n < ms.k()) throw new IllegalArgumentException(n + " images cannot make " + ms.k() + " clusters");
            // PCA learns from a sample that fits the driver; a descriptor's fit only learns the image size (one image)
            boolean learns = method == Method.PCA && settings.fromModel() == null;
            int take = (int) Math.min(n, learns ? settings.sample() : 1);
            List<Row> sample = images.orderBy(functions.rand(settings.seed())).limit(take).collectAsList();
            Embedder embedder;
            int bits;
            try (org.pacscluster.dataset.Dataset d = AssignJob.inMemory(sample)) {
                bits = d.manifest().bitsPerPixel();
                if (settings.fromModel() != null) {
                    d.requireImageSize(size);
                    embedder = method.loadEmbedder(ms, settings.fromModel());
                    if (!(embedder instanceof PcaEmbedder)) embedder.fit(d, AssignJob.allRows(d), Progress.NONE);
                } else {
                    size = d.imageSize();               // a dataset keeps the size it was ingested at
                    embedder = method.newEmbedder(ms);
                    embedder.fit(d, AssignJob.allRows(d), Progress.NONE);
                }
            }
            ShippedEmbedder shipped = ShippedEmbedder.ship(new JavaSparkContext(s.sparkContext()), method, ms, embedder);
            Dataset<Row> embedded = images.mapPartitions(embed(shipped, hook), Encoders.row(EMBEDDED))
                    .withColumn("v", org.apache.spark.ml.functions.array_to_vector(col("features")))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                KMeansModel km = null;
                for (int restart = 0; restart < settings.restarts(); restart++) {
                    KMeansModel m = new org.apache.spark.ml.clustering.KMeans().setK(ms.k())
                            .setSeed(ms.seed() + restart).setMaxIter(ms.kmeans().maxIter()).setTol(ms.kmeans().tol())
                            .setFeaturesCol("v").fit(embedded);
                    if (km == null || m.summary().trainingCost() < km.summary().trainingCost()) km = m;
                }
                double[][] centres = new double[ms.k()][];
                Vector[] found = km.clusterCenters();
                for (int c = 0; c < centres.length; c++) centres[c] = found[c].toArray();
                Broadcast<double[][]> bc = new JavaSparkContext(s.sparkContext()).broadcast(centres);
                Dataset<Row> placed = embedded.select("modality", "region", "features")
                        .mapPartitions(place(bc), Encoders.row(PLACED)).persist(StorageLevel.MEMORY_AND_DISK());
                try {
                    double[] d = placed.select("distance").as(Encoders.DOUBLE()).collectAsList().stream()
                            .mapToDouble(Double::doubleValue).toArray();
                    double inertia = 0;
                    for (double v : d) inertia += v * v;
                    List<Row> counts = placed.groupBy("cluster", "modality", "region").count().collectAsList();
                    int m = counts.size();
                    String[] mod = new String[m], reg = new String[m];
                    int[] cl = new int[m], cnt = new int[m];
                    TreeSet<String> mods = new TreeSet<>(), regs = new TreeSet<>();
                    for (int i = 0; i < m; i++) {
                        Row r = counts.get(i);
                        cl[i] = r.getInt(0);
                        mod[i] = r.getString(1);
                        reg[i] = r.getString(2);
                        cnt[i] = Math.toIntExact(r.getLong(3));
                        mods.add(mod[i]);
                        regs.add(reg[i]);
                    }
                    ModelCard card = ModelCard.of(method, ms,
                            new ModelCard.DatasetFingerprint(String.join(", ", sources), in.describe(), (int) n, (int) n,
                                    0, 0, java.time.Instant.now().toString(), null),
                            ModelCard.Preprocessing.standard(size, bits),
                            ModelCard.Training.fixedFeatures((int) n, (System.nanoTime() - t0) / 1e9, inertia, embedder),
                            ClusterMakeup.ofCounts(mod, reg, cl, cnt, ms.k()),
                            new ModelCard.Vocabulary(List.copyOf(mods), List.copyOf(regs)), Novelty.ofDistances(d));
                    ClusteringModel model = method.fixedFeatureModel(card, embedder, centres);
                    model.save(folder.dir());
                    return new Result(n, take, inertia, card);
                } finally {
                    placed.unpersist(false);
                }
            } finally {
                embedded.unpersist(false);
                images.unpersist(false);
            }
        } finally {
            in.release();
        }
    }

    /** Per partition, in batches: the embedding of each image, with its labels. */
    private static MapPartitionsFunction<Row, Row> embed(ShippedEmbedder shipped, FaultHook hook) {
        return it -> {
            hook.check();
            Embedder e = shipped.load();
            List<Row> out = new ArrayList<>();
            List<Row> batch = new ArrayList<>(AssignJob.BATCH);
            while (it.hasNext()) {
                batch.add(it.next());
                if (batch.size() == AssignJob.BATCH || !it.hasNext()) {
                    try (org.pacscluster.dataset.Dataset d = AssignJob.inMemory(batch)) {
                        double[][] x = e.transform(d, AssignJob.allRows(d), Progress.NONE);
                        for (int i = 0; i < x.length; i++) {
                            out.add(RowFactory.create(d.record(i).modality(), d.record(i).region(), x[i]));
                        }
                    }
                    batch.clear();
                }
            }
            return out.iterator();
        };
    }

    /** Per partition: each image's cluster by the core's rule and its distance to that centre. */
    private static MapPartitionsFunction<Row, Row> place(Broadcast<double[][]> centres) {
        return it -> {
            List<Row> rows = new ArrayList<>();
            it.forEachRemaining(rows::add);
            double[][] x = new double[rows.size()][];
            for (int i = 0; i < x.length; i++) {
                List<Double> f = rows.get(i).getList(2);
                x[i] = f.stream().mapToDouble(Double::doubleValue).toArray();
            }
            int[] clusters = StudentT.assign(x, centres.value()).clusters();
            double[] d = Novelty.distances(x, clusters, centres.value());
            List<Row> out = new ArrayList<>(x.length);
            for (int i = 0; i < x.length; i++) {
                out.add(RowFactory.create(clusters[i], rows.get(i).getString(0), rows.get(i).getString(1), d[i]));
            }
            return out.iterator();
        };
    }

    /**
     * A fitted embedder sent to the executors: its method, its settings (as the card's JSON) and the files
     * {@link Embedder#save} wrote, loaded once per executor JVM with {@link Method#loadEmbedder}. Its transform
     * only reads what fit learned, so the tasks of one executor share it.
     */
    static final class ShippedEmbedder implements Serializable {
        private static final long serialVersionUID = 1L;
        private static final Map<String, Embedder> LOADED = new ConcurrentHashMap<>();

        private final Method method;
        private final String settings;
        private final Broadcast<HashMap<String, byte[]>> files;
        private final String id = java.util.UUID.randomUUID().toString();

        private ShippedEmbedder(Method method, String settings, Broadcast<HashMap<String, byte[]>> files) {
            this.method = method;
            this.settings = settings;
            this.files = files;
        }

        static ShippedEmbedder ship(JavaSparkContext jsc, Method method, MethodSettings settings, Embedder embedder)
                throws IOException {
            Path dir = Files.createTempDirectory("pacscluster-embedder-");
            try {
                embedder.save(dir);
                HashMap<String, byte[]> content = new HashMap<>();
                try (Stream<Path> st = Files.walk(dir)) {
                    for (Path p : st.filter(Files::isRegularFile).toList()) {
                        content.put(dir.relativize(p).toString(), Files.readAllBytes(p));
                    }
                }
                return new ShippedEmbedder(method, JSON.writeValueAsString(settings), jsc.broadcast(content));
            } finally {
                try (Stream<Path> st = Files.walk(dir)) {
                    for (Path p : st.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
                }
            }
        }

        Embedder load() throws IOException {
            Embedder e = LOADED.get(id);
            if (e != null) return e;
            synchronized (LOADED) {
                e = LOADED.get(id);
                if (e != null) return e;
                Path dir = Files.createTempDirectory("pacscluster-embedder-");
                for (Map.Entry<String, byte[]> f : files.value().entrySet()) {
                    Path p = dir.resolve(f.getKey()).normalize();
                    if (!p.startsWith(dir)) throw new IOException("bad file name in embedder: " + f.getKey());
                    Files.createDirectories(p.getParent());
                    Files.write(p, f.getValue());
                }
                e = method.loadEmbedder(JSON.readValue(settings, MethodSettings.class), dir);
                LOADED.put(id, e);
                return e;
            }
        }
    }

    @Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Fit a fixed-feature model (pixels, hog, lbp, pca) on Spark: the embedder on the driver (PCA"
                    + " on a seeded sample of --sample images), the embedding of every image on the executors, k-means"
                    + " with Spark ML's KMeans (k-means|| start). Writes the model folder 'pacscluster train' writes:"
                    + " 'pacscluster predict' and 'spark predict' use it. Deep methods train on one machine."},
            footer = {"", "Examples:",
                    "  pacscluster spark fit --method pca --k 25 work/archive.parquet --out work/model-pca",
                    "  pacscluster spark fit --from-model work/model-pca --k 40 work/archive.parquet --out work/model-pca40"})
    static final class FitCommand implements Callable<Integer> {
        @Option(names = "--method", paramLabel = "METHOD", description = "pixels, hog, lbp or pca (or give --from-model)")
        String method;

        @Option(names = "--from-model", paramLabel = "MODEL",
                description = "re-cluster with the method, settings and fitted embedder of this fixed-feature model")
        Path fromModel;

        @Option(names = "--k", required = true, description = "number of clusters")
        int k;

        @Option(names = "--seed", defaultValue = "0", description = "seed of the sample and of k-means (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--kmeans-init", defaultValue = "3", paramLabel = "N",
                description = "k-means restarts, each a Spark ML KMeans run from a k-means|| start; the lowest"
                        + " inertia wins (default ${DEFAULT-VALUE})")
        int restarts;

        @Option(names = "--sample", defaultValue = "10000", paramLabel = "N",
                description = "images PCA is fitted on, on the driver (default ${DEFAULT-VALUE})")
        int sample;

        @Parameters(arity = "1..*", paramLabel = "SOURCE",
                description = "the output of 'spark ingest', a dataset folder, DICOM folders/files or one dicomweb+http(s) PACS")
        List<String> sources;

        @Option(names = "--size", defaultValue = "64", paramLabel = "S",
                description = "S×S size DICOM sources are preprocessed to (default ${DEFAULT-VALUE}; datasets keep theirs)")
        int size;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "model folder to write (on the driver)")
        Path out;

        @Option(names = "--vocabulary", paramLabel = "FILE", description = "region vocabulary for DICOM sources (a path every executor can read)")
        String vocabulary;

        @Option(names = "--frame", defaultValue = "middle", description = "frame of multi-frame images (default: ${DEFAULT-VALUE})")
        String frame;

        @Option(names = "--overwrite", description = "replace OUT if it holds a model")
        boolean overwrite;

        @Mixin
        SparkOptions spark = new SparkOptions();

        @Mixin
        PacsOptionsMixin pacs = new PacsOptionsMixin();

        @Override
        public Integer call() throws Exception {
            if ((method == null) == (fromModel == null)) {
                throw new IllegalArgumentException("give one of --method and --from-model");
            }
            if (restarts < 1) throw new IllegalArgumentException("--kmeans-init must be at least 1, got " + restarts);
            if (sample < 1) throw new IllegalArgumentException("--sample must be at least 1, got " + sample);
            long t0 = System.nanoTime();
            try (SparkOptions.Session session = spark.session("fit")) {
                SparkSession s = session.spark();
                Result r = run(s, sources, new Settings(method == null ? null : Method.parse(method), k, seed, restarts,
                        sample,
                        fromModel, size, vocabulary, frame, spark.partitions), pacs.toOptions(), out, overwrite,
                        FaultHook.NONE);
                System.out.printf(Locale.ROOT, "fit: %s, k=%d on %d images (embedder fitted on %d), inertia %.6g,"
                                + " in %.1f s on %s; written to %s%n", r.card().method(), r.card().k(), r.images(),
                        r.sample(), r.inertia(), (System.nanoTime() - t0) / 1e9, s.sparkContext().master(), out);
            }
            return 0;
        }
    }
}
