package org.pacscluster.cli;

import org.pacscluster.deep.AugmentConfig;
import org.pacscluster.deep.CaeConfig;
import org.pacscluster.method.MethodSettings;
import picocli.CommandLine.Option;

/**
 * The training settings every command that trains shares (train, experiment, sweep), mapped onto
 * {@link MethodSettings}; the defaults shown are the paper's. K and the seed are each command's own options.
 */
public final class MethodOptions {
    private static final MethodSettings PAPER = MethodSettings.paper();

    @Option(names = "--kmeans-init", defaultValue = "20", description = "k-means restarts (default ${DEFAULT-VALUE})")
    int kmeansInit;

    @Option(names = "--epochs", defaultValue = "50", description = "CAE pre-training epochs at most (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--patience", defaultValue = "5", description = "early-stopping patience in epochs, 0 = off (default ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--finetune-epochs", defaultValue = "50", description = "CDEC/CIDEC epochs at most (default ${DEFAULT-VALUE})")
    int finetuneEpochs;

    @Option(names = "--update-interval", defaultValue = "140", description = "CDEC/CIDEC batches between target updates (default ${DEFAULT-VALUE})")
    int updateInterval;

    @Option(names = "--filters", defaultValue = "32,32,64,64,64", split = ",",
            description = "CAE filters per block, each >= 16 (default ${DEFAULT-VALUE})")
    int[] filters;

    @Option(names = "--latent", defaultValue = "100", description = "CAE embedding size (default ${DEFAULT-VALUE})")
    int latent;

    @Option(names = "--batch", defaultValue = "50", description = "CAE batch size (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate (default ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--validation", defaultValue = "0.1",
            description = "share of training rows held out for early stopping (default ${DEFAULT-VALUE})")
    double validation;

    @Option(names = "--augment", defaultValue = "radiology", paramLabel = "PRESET",
            description = "augmentation of the -da methods (cae-da, cdec-da, cidec-da): radiology (shift 6%%, "
                    + "rotation 10°, zoom 5%%, intensity 5%%), dec-da (shift 10%%, rotation 10°, as DEC-DA on MNIST) or none;"
                    + " the other methods never augment (default ${DEFAULT-VALUE})")
    String augment;

    @Option(names = "--augment-shift", paramLabel = "FRACTION",
            description = "largest shift of the -da methods' images, a fraction of the side (default: the preset's)")
    Double augmentShift;

    @Option(names = "--augment-rotation", paramLabel = "DEGREES",
            description = "largest rotation of the -da methods' images (default: the preset's)")
    Double augmentRotation;

    @Option(names = "--augment-scale", paramLabel = "FRACTION",
            description = "largest zoom change of the -da methods' images (default: the preset's)")
    Double augmentScale;

    @Option(names = "--augment-intensity", paramLabel = "FRACTION",
            description = "largest intensity gain change and offset of the -da methods' images (default: the preset's)")
    Double augmentIntensity;

    @Option(names = "--augment-flips", description = "also mirror half of the -da methods' images left-right "
            + "(off by default: laterality matters in radiology)")
    boolean augmentFlips;

    /** The settings for {@code k} clusters and {@code seed}, run on {@code hardware}. */
    MethodSettings settings(int k, long seed, HardwareOptions hardware) {
        CaeConfig cae = new CaeConfig(PAPER.cae().inputSize(), filters, latent, lr, batch, epochs, patience, validation,
                seed, hardware.threads, hardware.device);
        return PAPER.withKmeans(PAPER.kmeans().withK(k).withNInit(kmeansInit).withSeed(seed)).withCae(cae)
                .withFinetuning(PAPER.finetuning().withUpdateInterval(updateInterval).withMaxEpochs(finetuneEpochs))
                .withAugment(augmentation());
    }

    /** The --augment preset with the individual overrides applied. */
    AugmentConfig augmentation() {
        AugmentConfig a = AugmentConfig.preset(augment);
        if (augmentShift != null) a = a.withMaxShift(augmentShift);
        if (augmentRotation != null) a = a.withMaxRotation(augmentRotation);
        if (augmentScale != null) a = a.withMaxScale(augmentScale);
        if (augmentIntensity != null) a = a.withMaxGain(augmentIntensity).withMaxOffset(augmentIntensity);
        if (augmentFlips) a = a.withFlips(true);
        return a;
    }

    /** One line for reports: "filters [32, 32, 64, 64, 64], latent 100, batch 50, Adam lr 0.001, ...". */
    String describe() {
        return "filters " + java.util.Arrays.toString(filters) + ", latent " + latent + ", batch " + batch
                + ", Adam lr " + lr + ", pre-training ≤ " + epochs + " epochs (patience " + patience + ")";
    }
}
