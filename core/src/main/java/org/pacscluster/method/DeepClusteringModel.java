package org.pacscluster.method;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pacscluster.cluster.Assignments;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.deep.AugmentConfig;
import org.pacscluster.deep.DecConfig;
import org.pacscluster.deep.DeepModel;
import org.pacscluster.deep.DeepPipeline;
import org.pacscluster.progress.Progress;

/**
 * A deep model (CAE + k-means, CDEC, CIDEC, and their -da variants): the autoencoder's encoder embeds, the centres
 * cluster, and the Student-t soft assignment q gives cluster and probability. The deep methods of one run share one
 * pre-trained CAE through the pre-training checkpoint in the training context's work folder (the augmented ones
 * another, as their pre-training differs). The card records the augmentation the model was trained with (none for
 * the plain methods, whatever the settings held for the -da ones).
 */
final class DeepClusteringModel implements ClusteringModel {
    private final ModelCard card;
    private final DeepModel model;

    private DeepClusteringModel(ModelCard card, DeepModel model) {
        this.card = card;
        this.model = model;
    }

    static DeepClusteringModel train(Method method, Dataset data, int[] rows, MethodSettings settings,
                                     TrainingContext context) throws IOException {
        long t0 = System.nanoTime();
        DecConfig dec = settings.finetuningFor(method.deepMethod());
        AugmentConfig augment = settings.augmentFor(method);
        if (context.workDir() != null) Files.createDirectories(context.workDir());
        DeepModel model = DeepPipeline.train(data, rows, settings.caeFor(data.imageSize()), dec, augment,
                context.pretrainCheckpoint(method.augments()), context.progress());
        try {
            int[] clusters = model.assign(data, rows).clusters();
            Novelty novelty;
            try (Progress p = context.progress().apply(method.id() + " calibrate")) {
                novelty = Novelty.calibrate(model.embed(data, rows, p), clusters, model.centres());
            }
            ModelCard.Training training = new ModelCard.Training(rows.length, (System.nanoTime() - t0) / 1e9,
                    ModelCard.runtime(model.device()), model.device(), model.pretraining(), model.finetuning(),
                    null, null, null);
            ModelCard card = ModelCard.describe(method, settings.withCae(model.cae()).withAugment(augment), data, rows,
                    clusters, training, novelty);
            return new DeepClusteringModel(card, model);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Reads the weights, and the centres from centres.csv (format-1 folders keep them in the weights). */
    static DeepClusteringModel load(Path dir, ModelCard card, Hardware hardware) throws IOException {
        MethodSettings s = card.settings();
        double[][] centres = Files.exists(dir.resolve(ModelFolder.CENTRES)) ? ModelFolder.readCentres(dir) : null;
        DeepModel model = DeepModel.load(dir, s.cae().withThreads(hardware.threads()).withDevice(hardware.device()),
                s.finetuningFor(card.method().deepMethod()), centres, hardware.device(), hardware.threads());
        if (model.k() != card.k()) {
            model.close();
            throw new IllegalArgumentException("model " + dir + " has " + model.k() + " centres but model.json says k="
                    + card.k());
        }
        return new DeepClusteringModel(card, model);
    }

    @Override public ModelCard card() { return card; }

    @Override public ClusteringModel withCard(ModelCard c) { return new DeepClusteringModel(c, model); }

    @Override
    public double[][] embed(Dataset data, int[] rows, Progress progress) {
        return model.embed(data, rows, progress);
    }

    @Override
    public Assignments assign(Dataset data, int[] rows, Progress progress) {
        return model.assign(data, rows);
    }

    /** Two passes, as the encoder's embedding and the soft assignment are separate engine calls. */
    @Override
    public Placement place(Dataset data, int[] rows, Progress progress) {
        double[][] z = model.embed(data, rows, progress);
        return new Placement(z, model.assign(data, rows));
    }

    @Override public double[][] centres() { return model.centres(); }

    @Override public void saveState(Path dir) throws IOException { model.saveWeights(dir); }

    /** Closing a model copy made by {@link #withCard} closes the shared network too. */
    @Override public void close() { model.close(); }
}
