package org.pacscluster.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the issue that builds it lands. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "List images whose Modality/region tag disagrees with their cluster (not available yet)")
public final class AuditCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("error: 'audit' is not available yet in this build");
        return 2;
    }
}
