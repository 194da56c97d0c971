package org.pacscluster.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the issue that builds it lands. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Score cluster assignments against label columns (NMI, homogeneity, ARI, ...) (not available yet)")
public final class EvaluateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("error: 'evaluate' is not available yet in this build");
        return 2;
    }
}
