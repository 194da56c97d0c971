package org.pacscluster.experiment;

import java.util.List;
import java.util.Locale;
import org.pacscluster.deep.CaeConfig;

/**
 * Everything an experiment needs besides the dataset, validated when built.
 *
 * @param methods          methods to run, in table order: any of pca, hog, lbp, cae, cdec, cidec
 * @param k                clusters (paper: 25)
 * @param runs             independent runs R with seeds seed, seed+1, … (paper: 10)
 * @param seed             seed of run 0 and of the subsets
 * @param trainLimit       at most this many train images (a seeded subset, the same for every run; 0 = all)
 * @param testLimit        at most this many test images (0 = all)
 * @param kmeansInit       k-means++ restarts for every method (DEC uses 20)
 * @param silhouetteSample at most this many test points in the silhouette (seeded sample)
 * @param tsnePoints       at most this many test points in each t-SNE map
 * @param cae              CAE settings (image size taken from the dataset)
 * @param finetuneEpochs   CDEC/CIDEC fine-tuning epochs at most
 */
public record ExperimentConfig(List<String> methods, int k, int runs, long seed, int trainLimit, int testLimit,
                               int kmeansInit, int silhouetteSample, int tsnePoints, CaeConfig cae, int finetuneEpochs) {
    public static final List<String> ALL_METHODS = List.of("cae", "cdec", "cidec", "hog", "lbp", "pca");
    public static final List<String> DEEP = List.of("cae", "cdec", "cidec");

    public ExperimentConfig {
        methods = methods.stream().map(m -> m.trim().toLowerCase(Locale.ROOT)).distinct().toList();
        if (methods.isEmpty()) throw new IllegalArgumentException("--methods must name at least one method");
        for (String m : methods) {
            if (!ALL_METHODS.contains(m)) {
                throw new IllegalArgumentException("unknown method '" + m + "' (expected " + String.join(",", ALL_METHODS) + ")");
            }
        }
        if (k < 2) throw new IllegalArgumentException("--k must be at least 2, got " + k);
        if (runs < 1) throw new IllegalArgumentException("--runs must be at least 1, got " + runs);
        if (trainLimit < 0 || testLimit < 0) throw new IllegalArgumentException("limits must be >= 0 (0 = all)");
        if (kmeansInit < 1) throw new IllegalArgumentException("--kmeans-init must be at least 1");
        if (silhouetteSample < 2) throw new IllegalArgumentException("--silhouette-sample must be at least 2");
        if (tsnePoints < 0) throw new IllegalArgumentException("--tsne-points must be >= 0 (0 = no t-SNE)");
        if (finetuneEpochs < 0) throw new IllegalArgumentException("--finetune-epochs must be >= 0");
    }

    public boolean anyDeep() { return methods.stream().anyMatch(DEEP::contains); }

    /** How the table names a method, as in the paper's Table I. */
    public static String displayName(String method) {
        return switch (method) {
            case "cae" -> "CAE + k-means";
            case "cdec" -> "CDEC";
            case "cidec" -> "CIDEC";
            default -> method.toUpperCase(Locale.ROOT) + " + k-means";
        };
    }
}
