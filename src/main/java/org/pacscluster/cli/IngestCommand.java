package org.pacscluster.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the issue that builds it lands. */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Read a DICOM folder, image folder/ZIP or PACS into a preprocessed dataset (not available yet)")
public final class IngestCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("error: 'ingest' is not available yet in this build");
        return 2;
    }
}
