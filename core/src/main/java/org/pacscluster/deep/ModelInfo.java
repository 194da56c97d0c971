package org.pacscluster.deep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.pacscluster.dataset.DatasetManifest;
import org.pacscluster.io.AtomicFiles;

/**
 * {@code model.json}: everything about a saved model except its weights — settings, what each cluster holds, the
 * label vocabulary and where the model came from — so that {@code predict} needs nothing else and a reader can
 * tell how the model was made.
 *
 * @param formatVersion  layout version of the model folder
 * @param method         cae, cdec or cidec
 * @param cae            the autoencoder's settings (inputSize is the preprocessing image size)
 * @param clustering     the clustering settings
 * @param preprocessing  how images must be prepared before they reach the network
 * @param clusters       one entry per cluster, from the training split
 * @param vocabulary     the label values seen in training
 * @param provenance     data, seed, versions, timings, how training ended and the test-split metrics
 */
public record ModelInfo(int formatVersion, String method, CaeConfig cae, DecConfig clustering,
                        Preprocessing preprocessing, List<ClusterSummary> clusters, Vocabulary vocabulary,
                        Provenance provenance) {
    public static final String FILE = "model.json";
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The dataset cache's preprocessing that new images must go through: S×S, aspect kept, min-max to [0,1]. */
    public record Preprocessing(int imageSize, String resize, String intensity) {}

    /** A cluster's size on the training split and its majority modality and region with their shares. */
    public record ClusterSummary(int cluster, int size, String modality, double modalityShare, String region,
                                 double regionShare) {}

    public record Vocabulary(List<String> modalities, List<String> regions) {}

    /** NMI and homogeneity of the cluster labels on the test split against modality and region. */
    public record Metrics(int rows, double nmiModality, double homogeneityModality, double nmiRegion,
                          double homogeneityRegion) {}

    public record Provenance(String dataset, DatasetManifest manifest, int trainRows, long seed, String versions,
                             String device, double trainingSeconds, CaeTrainer.Result pretraining,
                             DecTrainer.Result finetuning, Metrics testMetrics, String created) {}

    public void write(Path dir) throws IOException {
        AtomicFiles.writeString(dir.resolve(FILE), JSON.writeValueAsString(this) + "\n");
    }

    public static ModelInfo read(Path dir) throws IOException {
        ModelInfo info = JSON.readValue(dir.resolve(FILE).toFile(), ModelInfo.class);
        if (info.formatVersion() != FORMAT_VERSION) {
            throw new IllegalArgumentException("model " + dir + " has format version " + info.formatVersion()
                    + "; this pacscluster reads version " + FORMAT_VERSION);
        }
        return info;
    }

    public ModelInfo withProvenance(Provenance p) {
        return new ModelInfo(formatVersion, method, cae, clustering, preprocessing, clusters, vocabulary, p);
    }
}
