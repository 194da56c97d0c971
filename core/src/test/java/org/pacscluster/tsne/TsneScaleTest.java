package org.pacscluster.tsne;


import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * t-SNE at the scale of a real test split: 8,000 MNIST digits in well under the couple of minutes the report may
 * spend per map, as faithful as scikit-learn's (reference numbers from tsne_reference.py). Slow: run with -Pslow.
 */
@Tag("slow")
class TsneScaleTest {
    @Test
    void eightThousandDigits() throws Exception {
        MnistSample digits = MnistSample.firstTestDigits(8000);
        TsneResult map = Tsne.embed(digits.pixels(), 0);
        double trust = MapQuality.trustworthiness(digits.pixels(), map.xy(), 10);
        double acc = MapQuality.knnAccuracy(map.xy(), digits.labels(), 10);
        JsonNode ref = TsneMnistTest.sklearnReference().path("runs").path("8000").get(0);
        System.out.printf("t-SNE of 8000 MNIST digits: %.1f s on %d cores, KL %.4f, trustworthiness k=10 %.4f"
                        + " (scikit-learn %.4f), 10-NN accuracy %.4f (scikit-learn %.4f)%n", map.seconds(),
                Runtime.getRuntime().availableProcessors(), map.klDivergence(), trust,
                ref.path("trustworthiness_k10").asDouble(), acc, ref.path("knn10_loo_accuracy").asDouble());
        assertTrue(trust >= ref.path("trustworthiness_k10").asDouble() - 0.02, "trustworthiness " + trust);
        assertTrue(acc >= 0.90, "10-NN accuracy " + acc);
        assertTrue(map.seconds() < 180, "took " + map.seconds() + " s");
    }
}
