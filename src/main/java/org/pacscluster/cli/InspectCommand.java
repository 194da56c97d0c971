package org.pacscluster.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the issue that builds it lands. */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Print the tags, transfer syntax and pixel statistics of DICOM files as JSON lines (not available yet)")
public final class InspectCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("error: 'inspect' is not available yet in this build");
        return 2;
    }
}
