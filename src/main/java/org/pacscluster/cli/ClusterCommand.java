package org.pacscluster.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the issue that builds it lands. */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Embed a dataset with one method and cluster it with k-means (not available yet)")
public final class ClusterCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("error: 'cluster' is not available yet in this build");
        return 2;
    }
}
