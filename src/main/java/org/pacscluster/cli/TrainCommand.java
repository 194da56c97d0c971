package org.pacscluster.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the issue that builds it lands. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a CAE, CDEC or CIDEC model on a dataset (not available yet)")
public final class TrainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("error: 'train' is not available yet in this build");
        return 2;
    }
}
