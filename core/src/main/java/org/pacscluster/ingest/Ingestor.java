package org.pacscluster.ingest;

import org.pacscluster.source.ImageSource;
import org.pacscluster.source.LoadedImage;
import org.pacscluster.source.RejectedImageException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.pacscluster.dataset.DatasetManifest;
import org.pacscluster.dataset.DatasetWriter;
import org.pacscluster.dataset.Preprocessor;
import org.pacscluster.progress.Progress;

/**
 * Streams an {@link ImageSource} into a dataset folder. Entries are decoded and preprocessed on a few threads and
 * written in source order by one thread, with a bounded number in flight, so memory does not grow with the number
 * of images. A bad entry is rejected with its reason and the run goes on. An entry that fails for a reason that may
 * pass (a network error) is not rejected: the dataset is left unfinished and the next run retries it.
 */
public final class Ingestor {
    /** What a run did. {@code manifest} is null when the dataset could not be finished (see {@code failed}). */
    public record Summary(DatasetManifest manifest, int added, int rejected, int skipped, int failed,
                          String firstFailure, boolean alreadyComplete) {}

    private sealed interface Outcome permits Stored, Rejected, Failed {}
    private record Stored(DatasetWriter.Entry entry, float[] image) implements Outcome {}
    private record Rejected(String key, String reason) implements Outcome {}
    private record Failed(String key, String reason) implements Outcome {}

    private final IngestConfig config;
    private final String vocabulary;
    private final String version;

    public Ingestor(IngestConfig config, String vocabulary, String version) {
        this.config = config;
        this.vocabulary = vocabulary;
        this.version = version;
    }

    public Summary run(ImageSource source, Path out, Progress progress) throws IOException {
        if (Files.exists(out.resolve(DatasetManifest.FILE))) {
            return new Summary(DatasetManifest.read(out), 0, 0, 0, 0, null, true);
        }
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
            DatasetManifest m = writer.finish(config.seed(), config.testFraction(), source.describe(), vocabulary, version);
            return new Summary(m, added, rejected, skipped, 0, null, false);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome load(ImageSource source, String key, Preprocessor pre) {
        try {
            LoadedImage img = source.load(key);
            float[] px = pre.apply(img.pixels(), img.rows(), img.columns());
            return new Stored(new DatasetWriter.Entry(key, img.id(), img.source(), img.modality(), img.region(),
                    img.bodyPartExamined(), img.studyDescription(), img.seriesDescription()), px);
        } catch (RejectedImageException e) {
            return new Rejected(key, e.reason());
        } catch (IOException e) {
            return new Failed(key, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
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
