package org.pacscluster.cli;

import java.nio.file.Path;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dicom.RegionVocabulary;
import org.pacscluster.ingest.DatasetInput;
import org.pacscluster.ingest.Sources;
import org.pacscluster.io.BuildInfo;
import org.pacscluster.io.Parallelism;
import org.pacscluster.progress.Progress;
import org.pacscluster.source.DicomLoading;
import org.pacscluster.source.FrameChoice;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of the SOURCE of commands that use a trained model (predict, audit): how to read it when it is not a
 * dataset yet ({@link DatasetInput} ingests it into a work folder first).
 */
public final class SourceOptions {
    @Option(names = "--labels", paramLabel = "CSV", description = "labels of an image collection SOURCE (columns file, modality, region)")
    Path labels;

    @Option(names = "--labels-strict", description = "make every problem of the labels CSV an error instead of a warning")
    boolean labelsStrict;

    @Option(names = "--format", defaultValue = "auto", description = "SOURCE kind when not a dataset: auto, dicom or images (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--vocabulary", paramLabel = "FILE", description = "region vocabulary replacing the built-in one")
    Path vocabulary;

    @Option(names = "--work", paramLabel = "DIR", description = "where SOURCE is ingested when it is not a dataset (default: OUT.dataset beside --out)")
    Path work;

    @Mixin
    PacsOptionsMixin pacs = new PacsOptionsMixin();

    @Mixin
    ReadLimitsOptions limits = new ReadLimitsOptions();

    /**
     * Opens SOURCE as a dataset of {@code imageSize}² images, ingesting it first with {@code threads} decoding
     * threads (0 = all cores) when it is not a dataset.
     */
    Dataset open(String source, int imageSize, Path out, int threads) throws Exception {
        limits.install();
        Path dir = work != null ? work : out.resolveSibling(out.getFileName() + ".dataset");
        Sources.Options opts = new Sources.Options(Sources.Format.parse(format), labels, labelsStrict, () -> new DicomLoading(
                vocabulary == null ? RegionVocabulary.defaults() : RegionVocabulary.load(vocabulary), FrameChoice.MIDDLE));
        DatasetInput.Opened opened;
        try (Progress progress = DatasetInput.isDataset(source) ? Progress.NONE : Progress.console("ingest " + dir.getFileName())) {
            opened = DatasetInput.open(source, opts, pacs.toOptions(), imageSize, Parallelism.threads(threads), dir,
                    vocabulary == null ? "default" : vocabulary.toString(), BuildInfo.tool(), progress);
        }
        if (opened.ingested() != null) {
            System.err.printf("%s: %d images ready in %s (%d rejected, see rejected.csv there)%n", source,
                    opened.ingested().manifest().count(), dir, opened.ingested().manifest().rejectedCount());
        }
        return opened.data();
    }
}
