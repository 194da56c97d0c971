package org.pacscluster.method;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.DatasetManifest;
import org.pacscluster.dataset.LabelKind;
import org.pacscluster.deep.CaeTrainer;
import org.pacscluster.deep.DecTrainer;
import org.pacscluster.deep.DeepRuntime;
import org.pacscluster.evaluate.ClusterMakeup;
import org.pacscluster.evaluate.Scorecard;
import org.pacscluster.io.BuildInfo;

/**
 * {@code model.json}: everything about a saved model except its learned arrays, for every method alike — so that
 * any command can load it and a reader can tell how it was made (Tribuo's provenance).
 *
 * @param formatVersion layout version of the model folder ({@value #FORMAT_VERSION}; format 1 folders are migrated
 *                      when read)
 * @param tool          the pacscluster version that wrote it
 * @param method        which of the methods
 * @param settings      every training setting (k, seed, k-means, the embedder's and the CAE's settings)
 * @param dataset       the dataset it was trained on
 * @param preprocessing what images must go through before the model sees them
 * @param training      how training went: rows, time, engine, per-stage results, test-split scores
 * @param clusters      each cluster's size and majority modality and region on the training rows
 * @param vocabulary    the label values seen in training
 * @param created       ISO-8601 time the model was made
 * @param novelty       how far the training images lie from their centres, to flag images that fit no cluster
 *                      (null for models made before 0.3)
 */
public record ModelCard(int formatVersion, String tool, Method method, MethodSettings settings,
                        DatasetFingerprint dataset, Preprocessing preprocessing, Training training,
                        List<ClusterMakeup> clusters, Vocabulary vocabulary, String created, Novelty novelty) {
    public static final String FILE = "model.json";
    public static final int FORMAT_VERSION = 2;

    public ModelCard {
        clusters = List.copyOf(clusters);
    }

    /**
     * Which dataset a model was trained on, enough to recognise it again.
     *
     * @param directory   where it was (absolute)
     * @param source      where its images came from (no credentials)
     * @param images      images in it
     * @param trainImages images in its train split
     * @param testImages  images in its test split
     * @param splitSeed   seed of its train/test split
     * @param created     when its ingest finished
     * @param indexSha256 SHA-256 of its index.csv (null for models migrated from format 1)
     */
    public record DatasetFingerprint(String directory, String source, int images, int trainImages, int testImages,
                                     long splitSeed, String created, String indexSha256) {
        static DatasetFingerprint of(Dataset data) throws java.io.IOException {
            DatasetManifest m = data.manifest();
            return new DatasetFingerprint(data.directory().toAbsolutePath().toString(), m.source(), m.count(),
                    m.trainCount(), m.testCount(), m.seed(), m.created(), data.indexSha256());
        }
    }

    /**
     * The dataset's preprocessing, which new images must go through too.
     *
     * @param imageSize    S: images are S×S
     * @param bitsPerPixel stored levels of the pixels (8 or 16)
     * @param resize       how images become S×S
     * @param intensity    how grey levels are scaled
     */
    public record Preprocessing(int imageSize, int bitsPerPixel, String resize, String intensity) {
        static Preprocessing of(Dataset data) {
            return standard(data.imageSize(), data.manifest().bitsPerPixel());
        }

        /** The preprocessing every pacscluster ingest applies, at {@code imageSize}² stored in {@code bitsPerPixel}. */
        public static Preprocessing standard(int imageSize, int bitsPerPixel) {
            return new Preprocessing(imageSize, bitsPerPixel,
                    "aspect ratio kept, longer side = S (antialiased bilinear), centred on zero padding",
                    "min-max per image to [0,1]");
        }
    }

    /**
     * How training went.
     *
     * @param trainRows               images trained on
     * @param seconds                 wall-clock seconds of training
     * @param runtime                 versions of the tool, the engine and Java
     * @param device                  where the deep-learning engine ran (null for fixed features)
     * @param pretraining             CAE pre-training (deep methods)
     * @param finetuning              CDEC/CIDEC fine-tuning
     * @param kmeansInertia           k-means inertia on the training embedding (null where the method's final
     *                                centres are not k-means')
     * @param explainedVarianceRatio  PCA only: the share of variance each component explains
     * @param testScores              the test split's scores, where the trainer scored one
     */
    public record Training(int trainRows, double seconds, String runtime, String device,
                           CaeTrainer.Result pretraining, DecTrainer.Result finetuning, Double kmeansInertia,
                           double[] explainedVarianceRatio, TestScores testScores) {
        /**
         * How a fixed-feature model's training went (no engine ran): rows, seconds, k-means inertia, and for PCA
         * the share of variance each component of the fitted {@code embedder} explains.
         */
        public static Training fixedFeatures(int trainRows, double seconds, double kmeansInertia,
                                             org.pacscluster.embed.Embedder embedder) {
            return new Training(trainRows, seconds, ModelCard.runtime(null), null, null, null, kmeansInertia,
                    embedder instanceof org.pacscluster.embed.PcaEmbedder pca
                            ? pca.model().explainedVarianceRatio() : null, null);
        }

        Training withTestScores(TestScores s) {
            return new Training(trainRows, seconds, runtime, device, pretraining, finetuning, kmeansInertia,
                    explainedVarianceRatio, s);
        }
    }

    /** Test-split scores as Table I shows them (NaN silhouette = not computed). */
    public record TestScores(int rows, double silhouette, double nmiModality, double homogeneityModality,
                             double nmiRegion, double homogeneityRegion) {
        public static TestScores of(Scorecard s) {
            return new TestScores(s.rows(), s.silhouette(), s.modality().nmi(), s.modality().homogeneity(),
                    s.region().nmi(), s.region().homogeneity());
        }
    }

    /** The label values seen in training, sorted. */
    public record Vocabulary(List<String> modalities, List<String> regions) {
        static Vocabulary of(Dataset data, int[] rows) {
            return new Vocabulary(List.copyOf(new TreeSet<>(List.of(data.labels(rows, LabelKind.MODALITY)))),
                    List.copyOf(new TreeSet<>(List.of(data.labels(rows, LabelKind.REGION)))));
        }
    }

    /**
     * The card of a model just trained on {@code rows} of {@code data}, whose training rows fell into
     * {@code clusters}.
     */
    static ModelCard describe(Method method, MethodSettings settings, Dataset data, int[] rows, int[] clusters,
                              Training training, Novelty novelty) throws java.io.IOException {
        return of(method, settings, DatasetFingerprint.of(data), Preprocessing.of(data), training,
                ClusterMakeup.of(data, rows, clusters, settings.k()), Vocabulary.of(data, rows), novelty);
    }

    /**
     * The card of a model made now by this pacscluster from parts computed elsewhere (a distributed fit, whose
     * training rows are no dataset folder): the current format, tool and time.
     */
    public static ModelCard of(Method method, MethodSettings settings, DatasetFingerprint dataset,
                               Preprocessing preprocessing, Training training, List<ClusterMakeup> clusters,
                               Vocabulary vocabulary, Novelty novelty) {
        if (clusters.size() != settings.k()) {
            throw new IllegalArgumentException(clusters.size() + " cluster make-ups for k=" + settings.k());
        }
        return new ModelCard(FORMAT_VERSION, BuildInfo.tool(), method, settings, dataset, preprocessing, training,
                clusters, vocabulary, Instant.now().toString(), novelty);
    }

    /** The versions a model was made with; the engine's only when it ran ({@code device} not null). */
    static String runtime(String device) {
        return BuildInfo.tool() + (device == null ? "" : ", " + DeepRuntime.versions()) + ", " + BuildInfo.runtime();
    }

    /** Number of clusters. */
    public int k() { return settings.kmeans().k(); }

    /** The card with the test split's scores recorded. */
    public ModelCard withTestScores(Scorecard s) {
        return new ModelCard(formatVersion, tool, method, settings, dataset, preprocessing,
                training.withTestScores(TestScores.of(s)), clusters, vocabulary, created, novelty);
    }
}
