package org.pacscluster.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the issue that builds it lands. */
@Command(name = "experiment", mixinStandardHelpOptions = true, description = "Run every method R times and build the paper's Table I and an HTML report (not available yet)")
public final class ExperimentCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("error: 'experiment' is not available yet in this build");
        return 2;
    }
}
