package org.pacscluster.cli;

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

    /** The settings for {@code k} clusters and {@code seed}, run on {@code hardware}. */
    MethodSettings settings(int k, long seed, HardwareOptions hardware) {
        CaeConfig cae = new CaeConfig(PAPER.cae().inputSize(), filters, latent, lr, batch, epochs, patience, validation,
                seed, hardware.threads, hardware.device);
        return PAPER.withKmeans(PAPER.kmeans().withK(k).withNInit(kmeansInit).withSeed(seed)).withCae(cae)
                .withFinetuning(PAPER.finetuning().withUpdateInterval(updateInterval).withMaxEpochs(finetuneEpochs));
    }

    /** One line for reports: "filters [32, 32, 64, 64, 64], latent 100, batch 50, Adam lr 0.001, ...". */
    String describe() {
        return "filters " + java.util.Arrays.toString(filters) + ", latent " + latent + ", batch " + batch
                + ", Adam lr " + lr + ", pre-training ≤ " + epochs + " epochs (patience " + patience + ")";
    }
}
