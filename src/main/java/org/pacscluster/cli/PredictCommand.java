package org.pacscluster.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the issue that builds it lands. */
@Command(name = "predict", mixinStandardHelpOptions = true, description = "Assign new images to the clusters of a trained model (not available yet)")
public final class PredictCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("error: 'predict' is not available yet in this build");
        return 2;
    }
}
