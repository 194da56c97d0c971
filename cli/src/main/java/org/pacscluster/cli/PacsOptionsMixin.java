package org.pacscluster.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pacscluster.pacs.PacsSourceOptions;
import picocli.CommandLine.Option;

/**
 * The options of a PACS source, shared by every command that reads one (ingest, predict, audit). There is
 * deliberately no option for a user, password or token: see docs/pacs.md.
 */
public final class PacsOptionsMixin {
    @Option(names = "--query", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "PACS only: QIDO-RS matching key, repeatable (e.g. --query Modality=CT --query StudyDate=20240101-20241231)")
    Map<String, String> query = new LinkedHashMap<>();

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "PACS only: at most N instances in total (default: all)")
    long limit;

    @Option(names = "--pacs-config", paramLabel = "FILE",
            description = "PACS only: properties file with url, user, password, token, ca-file (or env PACSCLUSTER_PACS_CONFIG)")
    Path pacsConfig;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "PACS only: extra trusted CA certificates (PEM) for https")
    Path caFile;

    @Option(names = "--parallel", paramLabel = "N", description = "PACS only: parallel downloads (default: 4)")
    Integer parallel;

    public PacsSourceOptions toOptions() {
        return new PacsSourceOptions(query, limit, pacsConfig, caFile, parallel);
    }

    /** Parallel downloads asked for, or the default. */
    int parallelOrDefault() { return toOptions().parallelOrDefault(); }
}
