package org.pacscluster.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.pacscluster.dataset.DatasetManifest;
import org.pacscluster.deep.AugmentConfig;
import org.pacscluster.deep.CaeConfig;
import org.pacscluster.deep.CaeTrainer;
import org.pacscluster.deep.DecConfig;
import org.pacscluster.deep.DecTrainer;

/**
 * The {@code model.json} of format 1 (pacscluster 0.1, deep models only), read so that models saved by that version
 * still load: {@link #migrate} turns it into today's {@link ModelCard}. Nothing writes this format any more; the
 * centres of such a folder sit in its weights file, which the deep model's loader reads when no centres.csv exists.
 */
record ModelFormatV1(int formatVersion, String method, CaeConfig cae, DecConfig clustering,
                     Preprocessing preprocessing, List<ClusterSummary> clusters, Vocabulary vocabulary,
                     Provenance provenance) {
    record Preprocessing(int imageSize, String resize, String intensity) {}

    record ClusterSummary(int cluster, int size, String modality, double modalityShare, String region,
                          double regionShare) {}

    record Vocabulary(List<String> modalities, List<String> regions) {}

    record Metrics(int rows, double nmiModality, double homogeneityModality, double nmiRegion,
                   double homogeneityRegion) {}

    record Provenance(String dataset, DatasetManifest manifest, int trainRows, long seed, String versions,
                      String device, double trainingSeconds, CaeTrainer.Result pretraining,
                      DecTrainer.Result finetuning, Metrics testMetrics, String created) {}

    static ModelFormatV1 parse(ObjectMapper json, JsonNode root) throws java.io.IOException {
        return json.treeToValue(root, ModelFormatV1.class);
    }

    /** The same model described in today's format (what 0.1 did not record stays empty). */
    ModelCard migrate() {
        Method m = Method.parse(method);
        Provenance p = provenance;
        MethodSettings settings = MethodSettings.paper()
                .withKmeans(MethodSettings.paper().kmeans().withK(clustering.k()).withNInit(clustering.kmeansInit())
                        .withSeed(p.seed()))
                .withCae(cae).withFinetuning(clustering).withAugment(AugmentConfig.none()); // 0.1 had none
        DatasetManifest man = p.manifest();
        ModelCard.DatasetFingerprint data = new ModelCard.DatasetFingerprint(p.dataset(), man.source(), man.count(),
                man.trainCount(), man.testCount(), man.seed(), man.created(), null);
        ModelCard.Preprocessing pre = new ModelCard.Preprocessing(preprocessing.imageSize(), man.bitsPerPixel(),
                preprocessing.resize(), preprocessing.intensity());
        Metrics t = p.testMetrics();
        ModelCard.TestScores scores = t == null ? null : new ModelCard.TestScores(t.rows(), Double.NaN,
                t.nmiModality(), t.homogeneityModality(), t.nmiRegion(), t.homogeneityRegion());
        ModelCard.Training training = new ModelCard.Training(p.trainRows(), p.trainingSeconds(), p.versions(),
                p.device(), p.pretraining(), p.finetuning(), null, null, scores);
        List<org.pacscluster.evaluate.ClusterMakeup> makeup = clusters.stream()
                .map(c -> new org.pacscluster.evaluate.ClusterMakeup(c.cluster(), c.size(), c.modality(),
                        c.modalityShare(), c.region(), c.regionShare())).toList();
        return new ModelCard(ModelCard.FORMAT_VERSION, p.versions(), m, settings, data, pre, training, makeup,
                new ModelCard.Vocabulary(vocabulary.modalities(), vocabulary.regions()), p.created(), null);
    }
}
