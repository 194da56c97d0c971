package org.pacscluster.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pacscluster.io.BuildInfo;
import org.pacscluster.io.SafeText;
import org.pacscluster.io.Secrets;
import org.pacscluster.dicom.RegionVocabulary;
import org.pacscluster.source.DicomLoading;
import org.pacscluster.source.FrameChoice;
import org.pacscluster.source.ImageSource;
import org.pacscluster.ingest.IngestConfig;
import org.pacscluster.ingest.Ingestor;
import org.pacscluster.ingest.Sources;
import org.pacscluster.progress.Progress;
import org.pacscluster.pacs.PacsConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pacscluster ingest}: a DICOM folder, an image folder or ZIP (with labels) into a dataset folder. */
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Read a DICOM folder, an image folder or ZIP (with a labels CSV), or a PACS over DICOMweb "
                + "(dicomweb+http(s)://HOST/ROOT), into a preprocessed dataset.",
                "Images are resized keeping their aspect ratio (longer side = --size), centred on black padding and "
                        + "scaled to [0,1]. Unreadable files are listed in DATASET/rejected.csv and the run goes on. "
                        + "An interrupted ingest continues where it stopped when run again with the same --out, source and"
                        + " settings; a different source or setting is refused (--overwrite starts afresh)."},
        footer = {"", "Examples:",
                "  pacscluster ingest /archive/export --out work/ct",
                "  PACSCLUSTER_PACS_USER=reader PACSCLUSTER_PACS_PASSWORD=... pacscluster ingest "
                        + "dicomweb+https://pacs.example.org/dicom-web --query Modality=CT --limit 5000 --out work/ct",
                "  PACSCLUSTER_PACS_TOKEN=... pacscluster ingest dicomweb+https://pacs.example.org/dicom-web --query Modality=CT "
                        + "--limit 5000 --out work/ct",
                "  pacscluster ingest ../shared/data/mednist/MedNIST_jpeg.zip --labels ../shared/data/mednist/labels.csv "
                        + "--size 64 --out work/mednist"})
public final class IngestCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SOURCE",
            description = "DICOM folder or file, image folder, .zip of images, or a PACS: dicomweb+http(s)://HOST/ROOT (docs/pacs.md)")
    String source;

    @Option(names = "--out", required = true, paramLabel = "DATASET", description = "dataset folder to create or continue")
    Path out;

    @Option(names = "--labels", paramLabel = "CSV",
            description = "labels of an image collection: columns file, modality, region (optional id)")
    Path labels;

    @Option(names = "--labels-strict",
            description = "make every problem of the labels CSV an error (short row, a file listed twice with other labels, "
                    + "images without a row, rows naming no image, non-UTF-8 text); by default each is a warning naming file and line")
    boolean labelsStrict;

    @Option(names = "--size", defaultValue = "256", description = "image side S after preprocessing (default: "
            + "${DEFAULT-VALUE}); JPEG 2000 frames are decoded no larger than about 2S (docs/dicom.md)")
    int size;

    @Option(names = "--bits", defaultValue = "8", description = "bits per stored pixel, 8 or 16 (default: ${DEFAULT-VALUE})")
    int bits;

    @Option(names = "--test-fraction", defaultValue = "0.2", description = "share of images in the test split (default: ${DEFAULT-VALUE})")
    double testFraction;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the train/test split (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--format", defaultValue = "auto", description = "auto, dicom or images (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--vocabulary", paramLabel = "FILE", description = "region vocabulary file replacing the built-in one")
    Path vocabulary;

    @Option(names = "--frame", defaultValue = "middle",
            description = "frame of multi-frame DICOM to keep: middle, first, last or a 0-based number (default: ${DEFAULT-VALUE})")
    String frame;

    @Option(names = "--threads", description = "decoding threads (default: number of cores, at least --parallel for a PACS)")
    Integer threads;

    @Mixin
    PacsOptionsMixin pacs = new PacsOptionsMixin();

    @Mixin
    ReadLimitsOptions limits = new ReadLimitsOptions();

    @Mixin
    OverwriteOption overwrite = new OverwriteOption();

    @Override
    public Integer call() throws Exception {
        limits.install();
        int cores = Runtime.getRuntime().availableProcessors();
        // a PACS entry waits on the network most of the time: give every parallel download a thread
        int defaultThreads = PacsConfigLoader.isPacsSource(source) ? Math.max(cores, pacs.parallelOrDefault()) : cores;
        IngestConfig cfg = new IngestConfig(size, bits, testFraction, seed, threads != null ? threads : defaultThreads);
        FrameChoice frameChoice = new FrameChoice(frame);
        Sources.Format fmt = Sources.Format.parse(format);
        Sources.Options opts = new Sources.Options(fmt, labels, labelsStrict, () -> new DicomLoading(
                vocabulary == null ? RegionVocabulary.defaults() : RegionVocabulary.load(vocabulary), frameChoice, size));
        long t0 = System.nanoTime();
        Ingestor.Summary s;
        Ingestor.Target target = new Ingestor.Target(out, Sources.readingKey(source, opts, pacs.toOptions(), frame, vocabulary),
                Sources.inputs(source, opts, pacs.toOptions(), vocabulary), overwrite.overwrite);
        try (ImageSource src = Sources.open(source, opts, pacs.toOptions()); Progress p = Progress.console("ingest")) {
            s = new Ingestor(cfg, vocabulary == null ? "default" : vocabulary.toString(), BuildInfo.tool())
                    .run(src, target, p);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        if (s.alreadyComplete()) {
            System.out.printf("dataset %s is already complete: %d images (train %d, test %d); nothing to do%n",
                    out, s.manifest().count(), s.manifest().trainCount(), s.manifest().testCount());
            return 0;
        }
        if (s.manifest() == null) {
            System.err.printf("error: %d entries could not be loaded (first: %s); the dataset is unfinished: run the"
                    + " same command again to retry them%n", s.failed(), SafeText.forTerminal(Secrets.redact(s.firstFailure())));
            return 1;
        }
        var m = s.manifest();
        System.out.printf("ingested %d images into %s (train %d, test %d; %d new, %d already there), rejected %d"
                        + " (see %s) in %.1f s%n", m.count(), out, m.trainCount(), m.testCount(), s.added(),
                s.skipped() - Math.min(s.skipped(), m.rejectedCount()), m.rejectedCount(),
                out.resolve("rejected.csv"), secs);
        return 0;
    }
}
