package org.pacscluster.embed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.io.AtomicFiles;
import org.pacscluster.progress.Progress;

/** PCA of the raw pixels scaled to [0, 1] ({@link PcaFit}); fit on the training rows, project any rows. */
public final class PcaEmbedder implements Embedder {
    static final String STATE = "pca.bin";

    private final PcaConfig cfg;
    private PcaModel model;

    public PcaEmbedder(PcaConfig cfg) { this.cfg = cfg; }

    PcaEmbedder(PcaConfig cfg, PcaModel model) {
        this.cfg = cfg;
        this.model = model;
    }

    @Override public String name() { return "pca"; }

    public PcaConfig config() { return cfg; }

    /** The fitted model (mean, axes, explained-variance ratios); null before fit. */
    public PcaModel model() { return model; }

    @Override
    public void fit(Dataset data, int[] rows, Progress progress) {
        model = PcaFit.fit(new DatasetPixels(data, rows, false), cfg, progress);
    }

    /** Fits on in-memory or streamed rows (one row = one flattened image). */
    public PcaModel fit(RowSource rows, Progress progress) {
        model = PcaFit.fit(rows, cfg, progress);
        return model;
    }

    @Override
    public double[][] transform(Dataset data, int[] rows, Progress progress) {
        return requireModel().transform(new DatasetPixels(data, rows, false));
    }

    @Override
    public int dimension() { return requireModel().components().length; }

    private PcaModel requireModel() {
        if (model == null) throw new IllegalStateException("PCA has not been fitted");
        return model;
    }

    @Override
    public void save(Path dir) throws IOException {
        PcaModel m = requireModel();
        java.nio.file.Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(STATE), m::write);
    }

    /** The PCA saved in {@code dir} by {@link #save}, with the settings it was fitted with. */
    public static PcaEmbedder load(Path dir, PcaConfig cfg) throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve(STATE))) {
            return new PcaEmbedder(cfg, PcaModel.read(in));
        }
    }
}
