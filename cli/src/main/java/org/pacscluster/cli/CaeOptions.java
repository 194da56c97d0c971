package org.pacscluster.cli;

import org.pacscluster.deep.CaeConfig;
import picocli.CommandLine.Option;

/** The CAE settings shared by every command that trains one (train, experiment, sweep); defaults are the paper's. */
public final class CaeOptions {
    @Option(names = "--epochs", defaultValue = "50", description = "CAE pre-training epochs at most (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--patience", defaultValue = "5", description = "early-stopping patience in epochs, 0 = off (default ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--finetune-epochs", defaultValue = "50", description = "CDEC/CIDEC epochs at most (default ${DEFAULT-VALUE})")
    int finetuneEpochs;

    @Option(names = "--filters", defaultValue = "32,32,64,64,64", split = ",",
            description = "CAE filters per block, each >= 16 (default ${DEFAULT-VALUE})")
    int[] filters;

    @Option(names = "--latent", defaultValue = "100", description = "CAE embedding size (default ${DEFAULT-VALUE})")
    int latent;

    @Option(names = "--batch", defaultValue = "50", description = "batch size (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate (default ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--validation", defaultValue = "0.1",
            description = "share of training rows held out for early stopping (default ${DEFAULT-VALUE})")
    double validation;

    @Option(names = "--threads", defaultValue = "0",
            description = "deep-learning CPU threads, 0 = engine default; 1 is best on a busy machine (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu, gpu or gpu:N (default ${DEFAULT-VALUE})")
    String device;

    /** The settings (validated); the input size is the paper's until the dataset's is known. */
    CaeConfig toConfig(long seed) {
        return new CaeConfig(CaeConfig.paper().inputSize(), filters, latent, lr, batch, epochs, patience, validation,
                seed, threads, device);
    }

    String describe() {
        return "filters " + java.util.Arrays.toString(filters) + ", latent " + latent + ", batch " + batch
                + ", Adam lr " + lr + ", pre-training ≤ " + epochs + " epochs (patience " + patience + ")";
    }
}
