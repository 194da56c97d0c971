package org.pacscluster.method;

import java.io.IOException;
import java.nio.file.Path;
import org.pacscluster.cluster.Assignments;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.progress.Progress;

/**
 * A trained model of any method: it embeds images into the space it clusters in, assigns them to its clusters with
 * a probability, and saves itself to a model folder that {@link ModelFolder#load} reads back. Models of the deep
 * methods hold native memory: close them.
 */
public interface ClusteringModel extends AutoCloseable {
    /** What the model is and how it was made (its {@code model.json}). */
    ModelCard card();

    /** The same model with another card (e.g. with the test split's scores recorded). */
    ClusteringModel withCard(ModelCard card);

    /** The embedding (rows × dimension) in which the model clusters, e.g. for silhouettes and t-SNE maps. */
    double[][] embed(Dataset data, int[] rows, Progress progress) throws IOException;

    /** The cluster of each row and how surely it belongs there. */
    Assignments assign(Dataset data, int[] rows, Progress progress) throws IOException;

    /** The embedding and the assignments of the same rows, computed once where the method allows. */
    Placement place(Dataset data, int[] rows, Progress progress) throws IOException;

    /** Writes the model folder {@code dir} (created if needed; model.json last, so a complete folder has it). */
    default void save(Path dir) throws IOException { ModelFolder.save(this, dir); }

    /** Writes the method's learned arrays (weights, PCA axes; not the centres or model.json) into {@code dir}. */
    void saveState(Path dir) throws IOException;

    /** The cluster centres in the embedding space (k × dimension). */
    double[][] centres();

    default Method method() { return card().method(); }

    default int k() { return card().k(); }

    @Override
    default void close() {}

    /** An embedding with the assignments of its rows. */
    record Placement(double[][] embedding, Assignments assignments) {
        public int[] clusters() { return assignments.clusters(); }
    }
}
