package org.pacscluster.cli;

import org.pacscluster.io.ReadLimits;
import picocli.CommandLine.Option;

/**
 * The {@link ReadLimits} options of every command that reads untrusted files or a PACS (inspect, ingest, predict,
 * audit). Unset, a limit keeps its default, which scales with the Java heap (README, "Limits").
 */
public final class ReadLimitsOptions {
    @Option(names = "--max-file-size", paramLabel = "SIZE",
            description = "largest file, ZIP member, inflated DICOM data set or PACS answer read into memory, e.g. 512m or 2g "
                    + "(default: 1/8 of the Java heap, 16m..1g)")
    String maxFileSize;

    @Option(names = "--max-image-pixels", paramLabel = "N",
            description = "largest image or frame, rows x columns x samples, checked from its header before decoding, "
                    + "e.g. 100m (default: Java heap / 16, 1m..256m)")
    String maxImagePixels;

    @Option(names = "--max-qido-results", paramLabel = "N",
            description = "PACS only: most results accepted in one QIDO-RS answer (default: 10000)")
    String maxQidoResults;

    /** Puts the limits asked for in force (the rest at their defaults). */
    void install() {
        ReadLimits l = ReadLimits.defaults();
        if (maxFileSize != null) l = l.withMaxFileBytes(ReadLimits.parseSize(maxFileSize, "maxFileSize"));
        if (maxImagePixels != null) l = l.withMaxImagePixels(ReadLimits.parseCount(maxImagePixels, "maxImagePixels"));
        if (maxQidoResults != null) l = l.withMaxQidoResults(ReadLimits.parseCount(maxQidoResults, "maxQidoResults"));
        ReadLimits.install(l);
    }
}
