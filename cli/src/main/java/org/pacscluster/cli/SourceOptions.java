package org.pacscluster.cli;

import java.nio.file.Path;
import java.util.List;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dicom.RegionVocabulary;
import org.pacscluster.ingest.DatasetInput;
import org.pacscluster.ingest.Ingestor;
import org.pacscluster.ingest.Sources;
import org.pacscluster.io.BuildInfo;
import org.pacscluster.io.OutputPaths;
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

    /** What the outputs must stay apart from: SOURCE (when local), the labels, the vocabulary, the PACS files. */
    List<OutputPaths.Input> inputs(String source) throws Exception {
        return Sources.inputs(source, options(0), pacs.toOptions(), vocabulary);
    }

    /** @param imageSize the side the DICOM frames become (they are decoded no larger than it needs), 0 for full */
    private Sources.Options options(int imageSize) {
        return new Sources.Options(Sources.Format.parse(format), labels, labelsStrict, () -> new DicomLoading(
                vocabulary == null ? RegionVocabulary.defaults() : RegionVocabulary.load(vocabulary), FrameChoice.MIDDLE,
                imageSize));
    }

    /**
     * Opens SOURCE as a dataset of {@code imageSize}² images, ingesting it first with {@code threads} decoding
     * threads (0 = all cores) when it is not a dataset, into a work folder that stays apart from {@code inputs} and
     * replaces a dataset of another source only when {@code overwrite}.
     */
    Dataset open(String source, int imageSize, Path out, int threads, List<OutputPaths.Input> inputs,
                 boolean overwrite) throws Exception {
        limits.install();
        Path dir = work != null ? work : out.resolveSibling(out.getFileName() + ".dataset");
        Sources.Options opts = options(imageSize);
        DatasetInput.Opened opened;
        try (Progress progress = DatasetInput.isDataset(source) ? Progress.NONE : Progress.console("ingest " + dir.getFileName())) {
            Ingestor.Target target = new Ingestor.Target(dir, Sources.readingKey(source, opts, pacs.toOptions(),
                    FrameChoice.MIDDLE.spec(), vocabulary), inputs, overwrite);
            opened = DatasetInput.open(source, opts, pacs.toOptions(), imageSize, Parallelism.threads(threads), target,
                    vocabulary == null ? "default" : vocabulary.toString(), BuildInfo.tool(), progress);
        }
        if (opened.ingested() != null) {
            System.err.printf("%s: %d images ready in %s (%d rejected, see rejected.csv there)%n", source,
                    opened.ingested().manifest().count(), dir, opened.ingested().manifest().rejectedCount());
        }
        return opened.data();
    }
}
