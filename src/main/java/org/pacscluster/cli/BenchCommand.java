package org.pacscluster.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the issue that builds it lands. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmark pacscluster against the Python reference stack (not available yet)")
public final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("error: 'bench' is not available yet in this build");
        return 2;
    }
}
