package org.pacscluster.ingest;

import org.pacscluster.source.ImageSource;
import org.pacscluster.source.LoadedImage;
import org.pacscluster.source.RejectedImageException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.List;
import java.util.Map;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.DatasetManifest;
import org.pacscluster.io.OutputFolder;
import org.pacscluster.io.OutputPaths;
import org.pacscluster.io.ResumeKey;
import org.pacscluster.dataset.DatasetWriter;
import org.pacscluster.dataset.Preprocessor;
import org.pacscluster.progress.Progress;

/**
 * Streams an {@link ImageSource} into a dataset folder. Entries are decoded and preprocessed on a few threads and
 * written in source order by one thread, with a bounded number in flight, so memory does not grow with the number
 * of images. A bad entry is rejected with its reason and the run goes on. An entry that fails for a reason that may
 * pass (a network error, running out of memory) is not rejected: the dataset is left unfinished and the next run
 * retries it. The dataset folder is claimed as an {@link OutputFolder}: locked while the ingest runs, and continued
 * only by an ingest of the same source with the same settings (its resume key). A source with no readable image
 * leaves no dataset: a dataset of 0 images is never marked complete.
 */
public final class Ingestor {
    /** What a run did. {@code manifest} is null when the dataset could not be finished (see {@code failed}). */
    public record Summary(DatasetManifest manifest, int added, int rejected, int skipped, int failed,
                          String firstFailure, boolean alreadyComplete) {}

    private sealed interface Outcome permits Stored, Rejected, Failed {}
    private record Stored(DatasetWriter.Entry entry, float[] image) implements Outcome {}
    private record Rejected(String key, String reason) implements Outcome {}
    private record Failed(String key, String reason) implements Outcome {}

    /**
     * Where an ingest writes and what a re-run must agree on.
     *
     * @param dir        the dataset folder
     * @param readingKey how the source is read beyond its location ({@link Sources#readingKey}); joins the resume key
     *                   with the source's description and the {@link IngestConfig} (threads excepted)
     * @param inputs     what the folder must stay apart from ({@link Sources#inputs})
     * @param overwrite  replace a dataset of another source or other settings there instead of refusing
     */
    public record Target(Path dir, Map<String, String> readingKey, List<OutputPaths.Input> inputs, boolean overwrite) {
        /** Just a folder: no extra key, no inputs to check, no overwriting. */
        public static Target of(Path dir) { return new Target(dir, Map.of(), List.of(), false); }
    }

    private final IngestConfig config;
    private final String vocabulary;
    private final String version;

    public Ingestor(IngestConfig config, String vocabulary, String version) {
        this.config = config;
        this.vocabulary = vocabulary;
        this.version = version;
    }

    public Summary run(ImageSource source, Path out, Progress progress) throws IOException {
        return run(source, Target.of(out), progress);
    }

    public Summary run(ImageSource source, Target target, Progress progress) throws IOException {
        try (OutputFolder folder = OutputFolder.claim(target.dir(), kind(source, target), target.inputs(),
                target.overwrite(), "ingest")) {
            if (folder.finished()) return new Summary(DatasetManifest.read(target.dir()), 0, 0, 0, 0, null, true);
            return ingest(source, target.dir(), progress);
        }
    }

    /** A dataset folder, its resume key: the source, how it is read, and the settings that change the pixels or split. */
    private OutputFolder.Kind kind(ImageSource source, Target target) {
        ResumeKey.Builder key = ResumeKey.builder("dataset").put("source", source.describe());
        target.readingKey().forEach(key::put);
        key.put("size", config.imageSize()).put("bits", config.bitsPerPixel()).put("seed", config.seed())
                .put("test fraction", config.testFraction());
        return new OutputFolder.Kind(key.build(), List.of(DatasetManifest.FILE, DatasetWriter.SETTINGS, Dataset.PIXELS),
                DatasetManifest.FILE, false, dir -> madeLikeThis(dir, source));
    }

    /**
     * Whether a complete dataset from before resume keys records this run's source and settings in its manifest
     * (its labels and frame choice are not recorded there), so that re-running the same ingest still finds it done.
     */
    private boolean madeLikeThis(Path dir, ImageSource source) {
        try {
            DatasetManifest m = DatasetManifest.read(dir);
            return source.describe().equals(m.source()) && m.imageSize() == config.imageSize()
                    && m.bitsPerPixel() == config.bitsPerPixel() && m.seed() == config.seed()
                    && m.testFraction() == config.testFraction() && vocabulary.equals(m.vocabulary());
        } catch (IOException e) {
            return false;
        }
    }

    private Summary ingest(ImageSource source, Path out, Progress progress) throws IOException {
        Preprocessor pre = new Preprocessor(config.imageSize());
        int added = 0, rejected = 0, skipped = 0, failed = 0;
        String firstFailure = null;
        long total = source.sizeHint();
        ExecutorService pool = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "ingest");
            t.setDaemon(true);
            return t;
        });
        try (DatasetWriter writer = DatasetWriter.openOrResume(out,
                new DatasetWriter.Settings(config.imageSize(), config.bitsPerPixel()))) {
            ArrayDeque<Future<Outcome>> inFlight = new ArrayDeque<>();
            int maxInFlight = 4 * config.threads();
            long seen = 0;
            Iterator<String> keys = source.keys();
            while (keys.hasNext() || !inFlight.isEmpty()) {
                if (keys.hasNext() && inFlight.size() < maxInFlight) {
                    String key = keys.next();
                    seen++;
                    if (writer.isDone(key)) { skipped++; continue; }
                    inFlight.add(pool.submit(() -> load(source, key, pre)));
                    continue;
                }
                Outcome o = await(inFlight.poll());
                if (o instanceof Stored s) {
                    if (writer.hasId(s.entry().id())) {
                        writer.reject(s.entry().key(), "duplicate id " + s.entry().id() + " (an earlier file has it)");
                        rejected++;
                    } else {
                        writer.append(s.entry(), s.image());
                        added++;
                    }
                } else if (o instanceof Rejected r) {
                    writer.reject(r.key(), r.reason());
                    rejected++;
                } else if (o instanceof Failed f) {
                    failed++;
                    if (firstFailure == null) firstFailure = f.key() + ": " + f.reason();
                }
                progress.step(seen - inFlight.size(), total);
            }
            progress.message(added + " stored, " + rejected + " rejected");
            if (failed > 0) return new Summary(null, added, rejected, skipped, failed, firstFailure, false);
            if (writer.count() == 0) {
                // a "complete" empty dataset would make every later run say "already complete"; leave it unfinished
                throw new IllegalArgumentException(writer.rejectedCount() == 0 ? "no images in " + source.describe()
                        : "nothing readable in " + source.describe() + ": " + writer.rejectedCount()
                        + " files rejected (reasons in " + out.resolve(Dataset.REJECTED) + ")");
            }
            DatasetManifest m = writer.finish(config.seed(), config.testFraction(), source.describe(), vocabulary, version);
            return new Summary(m, added, rejected, skipped, 0, null, false);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome load(ImageSource source, String key, Preprocessor pre) {
        try {
            LoadedImage img = source.load(key);
            float[] px = pre.apply(img.pixels(), img.rows(), img.columns(), img.halvings());
            return new Stored(new DatasetWriter.Entry(key, img.id(), img.source(), img.modality(), img.region(),
                    img.bodyPartExamined(), img.studyDescription(), img.seriesDescription()), px);
        } catch (RejectedImageException e) {
            return new Rejected(key, e.reason());
        } catch (IOException e) {
            return new Failed(key, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (OutOfMemoryError e) {
            // says nothing about the file, only about this run's memory: retried by the next run, not rejected
            return new Failed(key, "out of memory while decoding it (retried by the next run; give Java more memory"
                    + " if it happens again)");
        } catch (RuntimeException e) {
            // a decoder bug must not end the run: the entry is rejected with what went wrong
            return new Rejected(key, "internal error while decoding: " + e);
        }
    }

    private static Outcome await(Future<Outcome> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }
}
