package org.pacscluster.method;

import org.pacscluster.io.InvalidSettingException;

import org.pacscluster.cluster.KMeansConfig;
import org.pacscluster.deep.AugmentConfig;
import org.pacscluster.deep.CaeConfig;
import org.pacscluster.deep.DecConfig;
import org.pacscluster.deep.DeepMethod;
import org.pacscluster.embed.HogConfig;
import org.pacscluster.embed.LbpConfig;
import org.pacscluster.embed.PcaConfig;

/**
 * Every setting of every method, validated when built; a method reads the parts it uses. {@link #paper()} holds
 * the paper's settings: K = 25, k-means++ with 20 restarts (as DEC), PCA to 20 components, HOG 9 × 8² × 2², LBP
 * uniform (8, 1) in 16² cells, the 256² CAE 32-32-64-64-64 → 100, and DEC/IDEC's fine-tuning; the augmentation of
 * the -da methods (not the paper's) defaults to {@link AugmentConfig#radiology()}.
 *
 * @param kmeans     K, restarts, iterations, tolerance and the seed of every method's k-means
 * @param pca        the PCA embedder
 * @param hog        the HOG descriptor
 * @param lbp        the LBP descriptor
 * @param cae        the autoencoder and its pre-training (its seed seeds weights and batch order; its image size
 *                   is replaced by the dataset's when a deep method trains)
 * @param finetuning CDEC/CIDEC fine-tuning; its method, K and restarts are taken from the method and from
 *                   {@code kmeans} ({@link #finetuningFor})
 * @param augment    how the augmented deep methods (cae-da, cdec-da, cidec-da) transform their training images; the
 *                   other methods train on the images as stored ({@link #augmentFor}). Absent from model files made
 *                   before it existed, which read as {@link AugmentConfig#none()}: their models had no augmentation
 */
public record MethodSettings(KMeansConfig kmeans, PcaConfig pca, HogConfig hog, LbpConfig lbp, CaeConfig cae,
                             DecConfig finetuning, AugmentConfig augment) {
    public MethodSettings {
        if (kmeans == null || pca == null || hog == null || lbp == null || cae == null || finetuning == null) {
            throw new IllegalArgumentException("every part of the method settings is required");
        }
        if (augment == null) augment = AugmentConfig.none();
        if (kmeans.k() < 2) throw new InvalidSettingException("k", "must be at least 2, got " + kmeans.k());
    }

    /** The paper's settings (seed 0). */
    public static MethodSettings paper() {
        return new MethodSettings(KMeansConfig.of(25, 0), PcaConfig.defaults(), HogConfig.defaults(),
                LbpConfig.defaults(), CaeConfig.paper(), DecConfig.paper(DeepMethod.CDEC), AugmentConfig.radiology());
    }

    /**
     * Whether a setting (as a resume key names it: "cae.threads") only says where and how fast training runs, not
     * what it learns; such settings may change between an interrupted run and its continuation.
     */
    public static boolean onlyHardware(String setting) {
        return setting.equals("cae.threads") || setting.equals("cae.device");
    }

    /**
     * Whether a setting (as a resume key names it: "augment.maxShift") is used by none of {@code methods}: the
     * augmentation, when none of them is a -da method. Resume keys leave such settings out, so that the key of a
     * run of the plain methods is what it was before the augmentation existed (and their folders still resume).
     */
    public static boolean unusedBy(String setting, java.util.Collection<Method> methods) {
        return setting.startsWith("augment.") && methods.stream().noneMatch(Method::augments);
    }

    /** Number of clusters. */
    public int k() { return kmeans.k(); }

    /** The seed of k-means and of the CAE. */
    public long seed() { return kmeans.seed(); }

    public MethodSettings withK(int k) { return withKmeans(kmeans.withK(k)); }

    /** Seeds k-means and the CAE (PCA's randomized solver keeps its own seed, as the paper's runs did). */
    public MethodSettings withSeed(long seed) {
        return new MethodSettings(kmeans.withSeed(seed), pca, hog, lbp, cae.withSeed(seed), finetuning, augment);
    }

    public MethodSettings withKmeansInit(int restarts) { return withKmeans(kmeans.withNInit(restarts)); }

    public MethodSettings withKmeans(KMeansConfig v) { return new MethodSettings(v, pca, hog, lbp, cae, finetuning, augment); }

    public MethodSettings withPca(PcaConfig v) { return new MethodSettings(kmeans, v, hog, lbp, cae, finetuning, augment); }

    public MethodSettings withHog(HogConfig v) { return new MethodSettings(kmeans, pca, v, lbp, cae, finetuning, augment); }

    public MethodSettings withLbp(LbpConfig v) { return new MethodSettings(kmeans, pca, hog, v, cae, finetuning, augment); }

    /** The CAE settings; their seed is replaced by this settings' seed. */
    public MethodSettings withCae(CaeConfig v) {
        return new MethodSettings(kmeans, pca, hog, lbp, v.withSeed(kmeans.seed()), finetuning, augment);
    }

    public MethodSettings withFinetuning(DecConfig v) { return new MethodSettings(kmeans, pca, hog, lbp, cae, v, augment); }

    public MethodSettings withAugment(AugmentConfig v) { return new MethodSettings(kmeans, pca, hog, lbp, cae, finetuning, v); }

    /** What {@code method} trains with: {@link #augment} for the augmented methods, none for every other. */
    public AugmentConfig augmentFor(Method method) {
        return method.augments() ? augment : AugmentConfig.none();
    }

    /** The CAE settings for images of {@code imageSize}². */
    public CaeConfig caeFor(int imageSize) { return cae.withInputSize(imageSize).withSeed(kmeans.seed()); }

    /** The clustering stage of a deep method: its fine-tuning settings with this K and these restarts. */
    public DecConfig finetuningFor(DeepMethod method) {
        return finetuning.withMethod(method).withK(kmeans.k()).withKmeansInit(kmeans.nInit());
    }

    /** Refuses a training set that cannot hold K clusters. */
    void requireTrainable(int trainRows) {
        if (trainRows < kmeans.k()) {
            throw new IllegalArgumentException("the training rows hold " + trainRows + " images, fewer than k=" + kmeans.k());
        }
    }
}
