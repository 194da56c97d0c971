package org.pacscluster.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.pacscluster.io.BuildInfo;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.DatasetManifest;
import org.pacscluster.dicom.RegionVocabulary;
import org.pacscluster.source.DicomLoading;
import org.pacscluster.source.FrameChoice;
import org.pacscluster.source.ImageSource;
import org.pacscluster.ingest.IngestConfig;
import org.pacscluster.ingest.Ingestor;
import org.pacscluster.ingest.Sources;
import org.pacscluster.pacs.PacsConfigLoader;
import org.pacscluster.progress.Progress;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The SOURCE of commands that use a trained model (predict, audit): a dataset folder as is, or anything
 * {@code ingest} reads — a DICOM folder, an image folder or ZIP, a PACS — ingested first at the model's image size
 * into a work folder (kept, so a re-run resumes it and a second command reuses it).
 */
public final class SourceOptions {
    @Option(names = "--labels", paramLabel = "CSV", description = "labels of an image collection SOURCE (columns file, modality, region)")
    Path labels;

    @Option(names = "--format", defaultValue = "auto", description = "SOURCE kind when not a dataset: auto, dicom or images (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--vocabulary", paramLabel = "FILE", description = "region vocabulary replacing the built-in one")
    Path vocabulary;

    @Option(names = "--work", paramLabel = "DIR", description = "where SOURCE is ingested when it is not a dataset (default: OUT.dataset beside --out)")
    Path work;

    @Mixin
    PacsOptionsMixin pacs = new PacsOptionsMixin();

    /** Opens SOURCE as a dataset of {@code imageSize}² images, ingesting it first when needed. */
    Dataset open(String source, int imageSize, Path out) throws Exception {
        Path p = PacsConfigLoader.isPacsSource(source) ? null : Path.of(source);
        if (p != null && Files.isRegularFile(p.resolve(DatasetManifest.FILE))) return Dataset.open(p);
        Path dir = work != null ? work : out.resolveSibling(out.getFileName() + ".dataset");
        Sources.Format fmt = Sources.Format.parse(format);
        Sources.Options opts = new Sources.Options(fmt, labels, () -> new DicomLoading(
                vocabulary == null ? RegionVocabulary.defaults() : RegionVocabulary.load(vocabulary), FrameChoice.MIDDLE));
        int threads = Math.max(Runtime.getRuntime().availableProcessors(),
                PacsConfigLoader.isPacsSource(source) ? pacs.parallelOrDefault() : 1);
        Ingestor.Summary s;
        try (ImageSource src = Sources.open(source, opts, pacs.toOptions());
             Progress progress = Progress.console("ingest " + dir.getFileName())) {
            s = new Ingestor(new IngestConfig(imageSize, 8, 0.0, 0, threads),
                    vocabulary == null ? "default" : vocabulary.toString(), BuildInfo.tool()).run(src, dir, progress);
        }
        if (s.manifest() == null) {
            throw new IllegalStateException(s.failed() + " images could not be loaded (first: " + s.firstFailure()
                    + "); run the same command again to retry them");
        }
        if (s.manifest().count() == 0) {
            throw new IllegalArgumentException("nothing readable in " + source + " (reasons in " + dir.resolve("rejected.csv") + ")");
        }
        if (s.manifest().imageSize() != imageSize) {
            throw new IllegalArgumentException(dir + " holds " + s.manifest().imageSize() + "² images but the model needs "
                    + imageSize + "²; choose another --work folder");
        }
        System.err.printf("%s: %d images ready in %s (%d rejected, see rejected.csv there)%n", source,
                s.manifest().count(), dir, s.manifest().rejectedCount());
        return Dataset.open(dir);
    }
}
