package org.pacscluster.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the issue that builds it lands. */
@Command(name = "sweep", mixinStandardHelpOptions = true, description = "Silhouette, NMI and homogeneity for several K (not available yet)")
public final class SweepCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("error: 'sweep' is not available yet in this build");
        return 2;
    }
}
