package org.pacscluster.deep;

import java.io.IOException;
import java.nio.file.Path;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.embed.Embedder;
import org.pacscluster.progress.Progress;

/**
 * A CAE-based method behind the common {@link Embedder} interface: {@code fit} trains the whole model (pre-training,
 * k-means, and for CDEC/CIDEC the fine-tuning), {@code transform} gives the 100-d latent embedding in which the
 * method clusters (for silhouettes), and {@link #assign} the method's own cluster labels (argmax q).
 */
public final class CaeEmbedder implements Embedder {
    private final CaeConfig cae;
    private final DecConfig dec;
    private DeepModel model;

    /** Trains on fit; the input size is taken from the dataset. */
    public CaeEmbedder(CaeConfig cae, DecConfig dec) {
        this.cae = cae;
        this.dec = dec;
    }

    /** Wraps an already trained model (fit would retrain it). */
    public static CaeEmbedder of(DeepModel model) {
        CaeEmbedder e = new CaeEmbedder(model.info().cae(), model.info().clustering());
        e.model = model;
        return e;
    }

    @Override
    public String name() { return dec.method().label(); }

    @Override
    public void fit(Dataset data, int[] rows, Progress progress) throws IOException {
        if (model != null) model.close();
        model = DeepPipeline.train(data, rows, cae.withInputSize(data.imageSize()), dec, null, phase -> phaseOf(progress, phase));
    }

    @Override
    public double[][] transform(Dataset data, int[] rows, Progress progress) {
        return requireModel().embed(data, rows, progress);
    }

    /** The method's cluster of each row and its probability. */
    public DeepModel.Assignments assign(Dataset data, int[] rows) {
        return requireModel().assign(data, rows);
    }

    @Override
    public int dimension() { return cae.latent(); }

    @Override
    public void save(Path dir) throws IOException { requireModel().save(dir); }

    public DeepModel model() { return requireModel(); }

    private DeepModel requireModel() {
        if (model == null) throw new IllegalStateException(name() + " is not fitted yet");
        return model;
    }

    /** The caller's progress, labelled with the phase, left open for the next phase. */
    private static Progress phaseOf(Progress progress, String phase) {
        return new Progress() {
            @Override public void step(long done, long total) { progress.step(done, total); }
            @Override public void message(String text) { progress.message(phase + ": " + text); }
            @Override public void close() {}
        };
    }
}
