package org.pacscluster.method;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.deep.DeepMethod;
import org.pacscluster.embed.Embedder;
import org.pacscluster.embed.HogEmbedder;
import org.pacscluster.embed.LbpEmbedder;
import org.pacscluster.embed.PcaEmbedder;
import org.pacscluster.embed.PixelEmbedder;

/**
 * The clustering methods: the paper's three fixed-feature baselines (an embedder + k-means) and its three deep
 * ones (the CAE, then k-means or DEC/IDEC fine-tuning), plus k-means on the raw pixels and the deep ones trained on
 * augmented images (DEC-DA). Each knows its name, how the tables call it, how it trains and how it loads — the one
 * place a method is defined. Adding a fixed-feature method is a constant here plus its {@link Embedder}.
 */
public enum Method {
    CAE("cae", "CAE + k-means", DeepMethod.CAE, false, null),
    CDEC("cdec", "CDEC", DeepMethod.CDEC, false, null),
    CIDEC("cidec", "CIDEC", DeepMethod.CIDEC, false, null),
    HOG("hog", "HOG + k-means", null, false, s -> new HogEmbedder(s.hog())),
    LBP("lbp", "LBP + k-means", null, false, s -> new LbpEmbedder(s.lbp())),
    PCA("pca", "PCA + k-means", null, false, new Embedders() {
        @Override public Embedder create(MethodSettings s) { return new PcaEmbedder(s.pca()); }
        @Override public Embedder load(MethodSettings s, Path dir) throws IOException { return PcaEmbedder.load(dir, s.pca()); }
    }),
    /** Not in the paper: k-means on the raw pixels, the floor any embedding should beat. */
    PIXELS("pixels", "Pixels + k-means", null, false, s -> new PixelEmbedder()),
    /**
     * Not in the paper (DEC-DA, Guo et al. 2018): the CAE pre-trained on randomly transformed copies of the images
     * ({@link MethodSettings#augment}), then k-means. The three -da methods of a run share one augmented
     * pre-training, as the plain ones share theirs.
     */
    CAE_DA("cae-da", "CAE-DA + k-means", DeepMethod.CAE, true, null),
    /** CDEC with augmentation in pre-training and fine-tuning (DEC-DA's ConvDEC-DA). */
    CDEC_DA("cdec-da", "CDEC-DA", DeepMethod.CDEC, true, null),
    /** CIDEC with augmentation in pre-training and fine-tuning. */
    CIDEC_DA("cidec-da", "CIDEC-DA", DeepMethod.CIDEC, true, null);

    /** The paper's six methods, in the order of its Table I with the deep ones first. */
    public static final List<Method> PAPER = List.of(CAE, CDEC, CIDEC, HOG, LBP, PCA);

    /** How a fixed-feature method makes its embedder, new or from a model folder. */
    @FunctionalInterface
    interface Embedders {
        Embedder create(MethodSettings settings);

        /** The embedder with its learned state read from {@code dir}; descriptors have none to read. */
        default Embedder load(MethodSettings settings, Path dir) throws IOException { return create(settings); }
    }

    private final String id;
    private final String displayName;
    private final DeepMethod deep;
    private final boolean augments;
    private final Embedders embedders;

    Method(String id, String displayName, DeepMethod deep, boolean augments, Embedders embedders) {
        this.id = id;
        this.displayName = displayName;
        this.deep = deep;
        this.augments = augments;
        this.embedders = embedders;
    }

    /** The name on the command line and in files: "pca", "cidec", ... */
    @JsonValue
    public String id() { return id; }

    /** How Table I names it: "PCA + k-means", "CIDEC", ... */
    public String displayName() { return displayName; }

    /** Whether it trains a CAE (and so shares a run's pre-training, and needs the deep-learning engine). */
    public boolean isDeep() { return deep != null; }

    /** Whether training goes on after k-means (CDEC, CIDEC), so that the embedding depends on K. */
    public boolean finetunes() { return deep != null && deep.finetunes(); }

    /** Whether it trains on augmented images ({@link MethodSettings#augmentFor}): the -da methods. */
    public boolean augments() { return augments; }

    /** The stage after pre-training, for the deep methods; null for the others. */
    public DeepMethod deepMethod() { return deep; }

    /** A new embedder for a fixed-feature method. */
    public Embedder newEmbedder(MethodSettings settings) {
        if (embedders == null) throw new IllegalStateException(id + " has no fixed embedder");
        return embedders.create(settings);
    }

    /** The fitted embedder of a fixed-feature method that {@link Embedder#save} wrote into {@code dir}. */
    public Embedder loadEmbedder(MethodSettings settings, Path dir) throws IOException {
        if (embedders == null) throw new IllegalStateException(id + " has no fixed embedder");
        return embedders.load(settings, dir);
    }

    /**
     * A model of this fixed-feature method from an embedder fitted (on this JVM, so its dimension is known) and centres found elsewhere — a k-means run on a
     * cluster — described by {@code card}; it saves to, and {@link ModelFolder#load} reads it back from, the same
     * folder as a model this JVM trained. Refuses parts that do not fit together (one line).
     */
    public ClusteringModel fixedFeatureModel(ModelCard card, Embedder embedder, double[][] centres) {
        if (isDeep()) throw new IllegalArgumentException(id + " is a deep method; its centres belong to its network");
        if (card.method() != this) throw new IllegalArgumentException("a " + card.method() + " card for a " + id + " model");
        if (centres.length != card.k()) {
            throw new IllegalArgumentException(centres.length + " centres for k=" + card.k());
        }
        for (double[] c : centres) {
            if (c.length != embedder.dimension()) {
                throw new IllegalArgumentException("centres of dimension " + c.length + " for an embedding of "
                        + embedder.dimension());
            }
        }
        return new FixedFeatureModel(card, embedder, centres);
    }

    /**
     * Trains this method on {@code rows} of {@code data}: the embedding (fitted or pre-trained), k-means, and for
     * CDEC/CIDEC the fine-tuning; the result knows its clusters' make-up and can be saved.
     */
    public ClusteringModel train(Dataset data, int[] rows, MethodSettings settings, TrainingContext context)
            throws IOException {
        settings.requireTrainable(rows.length);
        return isDeep() ? DeepClusteringModel.train(this, data, rows, settings, context)
                : FixedFeatureModel.train(this, data, rows, settings, context);
    }

    /** Loads a model of this method from its folder, described by {@code card}. */
    ClusteringModel load(Path dir, ModelCard card, Hardware hardware) throws IOException {
        if (isDeep()) return DeepClusteringModel.load(dir, card, hardware);
        double[][] centres = ModelFolder.readCentres(dir);
        if (centres.length != card.k()) {
            throw new IllegalArgumentException("model " + dir + " has " + centres.length + " centres but k=" + card.k());
        }
        return new FixedFeatureModel(card, embedders.load(card.settings(), dir), centres);
    }

    /** The method called {@code name} (case and spaces ignored). */
    @JsonCreator
    public static Method parse(String name) {
        String s = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Method m : values()) if (m.id.equals(s)) return m;
        throw new IllegalArgumentException("unknown method '" + name + "' (expected " + names() + ")");
    }

    /** "cae, cdec, cidec, hog, lbp, pca, pixels, cae-da, cdec-da, cidec-da". */
    public static String names() {
        return Arrays.stream(values()).map(Method::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() { return id; }
}
