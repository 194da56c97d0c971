package org.pacscluster.bench;

/**
 * How much data each workload uses. {@link #full()} is the measurement the docs report (the sizes);
 * {@link #quick()} is a smoke run of a minute or two for development and tests, whose numbers mean little.
 *
 * @param images64        MedNIST images ingested at 64² (PCA, k-means thumbnails, t-SNE points, CAE 64²)
 * @param images256       MedNIST images ingested at 256² (HOG, LBP, CAE 256²)
 * @param pcaImages       rows of the PCA(20) fit + transform (64² pixels)
 * @param kmeansN         points of the k-means workload (100-d)
 * @param kmeansK         clusters
 * @param kmeansNInit     k-means++ restarts
 * @param tsneN           points of the t-SNE workload
 * @param tsneIterations  t-SNE iterations (early exaggeration included)
 * @param descriptorImages images per HOG / LBP run (256²)
 * @param caeTrainSteps   training steps (batch 50) per timed CAE run
 * @param caeEncodeImages images encoded per timed CAE run
 * @param dicomFiles      at most this many DICOM files (0 = all that both sides decode)
 */
public record Sizes(int images64, int images256, int pcaImages, int kmeansN, int kmeansK, int kmeansNInit, int tsneN,
                    int tsneIterations, int descriptorImages, int caeTrainSteps, int caeEncodeImages, int dicomFiles) {
    public static final int BATCH = 50;

    public Sizes {
        if (pcaImages > images64 || kmeansN > images64 || tsneN > images64) {
            throw new IllegalArgumentException("PCA, k-means and t-SNE sizes must not exceed images64");
        }
        if (descriptorImages > images256) throw new IllegalArgumentException("descriptorImages > images256");
        if (caeEncodeImages > Math.min(images64, images256)) throw new IllegalArgumentException("caeEncodeImages too large");
        if (kmeansK < 1 || kmeansK > kmeansN) throw new IllegalArgumentException("need 1 <= k <= n for k-means");
        if (tsneIterations < 250) throw new IllegalArgumentException("t-SNE needs at least 250 iterations (scikit-learn)");
    }

    /** The sizes: PCA and k-means on 30,000 points, t-SNE of 8,000, CAE batches of 50. */
    public static Sizes full() {
        return new Sizes(30_000, 400, 30_000, 30_000, 25, 20, 8_000, 1000, 400, 3, 200, 0);
    }

    /** Small sizes for a smoke run. */
    public static Sizes quick() {
        return new Sizes(600, 50, 600, 600, 25, 2, 300, 250, 16, 1, 50, 10);
    }
}
