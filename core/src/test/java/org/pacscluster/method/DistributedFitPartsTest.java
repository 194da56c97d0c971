package org.pacscluster.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.cluster.Assignments;
import org.pacscluster.cluster.KMeans;
import org.pacscluster.cluster.KMeansResult;
import org.pacscluster.cluster.StudentT;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.ImageRecord;
import org.pacscluster.dataset.Split;
import org.pacscluster.embed.Embedder;
import org.pacscluster.evaluate.ClusterMakeup;
import org.pacscluster.progress.Progress;

/**
 * The public parts a distributed fit builds a model from ({@link Method#fixedFeatureModel}, {@link ModelCard#of},
 * {@link Novelty#ofDistances}, {@link ClusterMakeup#ofCounts}): a model assembled from them saves to a folder that
 * {@link ModelFolder#load} reads back and that assigns as its centres say; parts that do not fit are refused.
 */
class DistributedFitPartsTest {
    @TempDir
    Path tmp;

    /** 30 random 8×8 images at 8 bits, two modalities, in memory. */
    private static Dataset images() {
        Random rnd = new Random(7);
        int n = 30, size = 8;
        byte[] levels = new byte[n * size * size];
        rnd.nextBytes(levels);
        List<ImageRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(new ImageRecord(i, "id" + i, "src" + i, i % 3 == 0 ? "CT" : "MR", "HEAD", Split.TRAIN, "", "", ""));
        }
        return Dataset.inMemory(size, 8, records, levels);
    }

    @Test
    void aModelFromCentresFoundElsewhereSavesLoadsAndAssignsByItsCentres() throws Exception {
        try (Dataset data = images()) {
            int[] rows = java.util.stream.IntStream.range(0, data.size()).toArray();
            MethodSettings settings = MethodSettings.paper().withK(3).withSeed(5).withKmeansInit(2);
            Embedder e = Method.PIXELS.newEmbedder(settings);
            e.fit(data, rows, Progress.NONE);
            double[][] x = e.transform(data, rows, Progress.NONE);
            // "elsewhere": the core's k-means stands in for the cluster's
            KMeansResult km = KMeans.fit(x, settings.kmeans());
            ModelCard card = ModelCard.of(Method.PIXELS, settings,
                    new ModelCard.DatasetFingerprint("memory", "test", rows.length, rows.length, 0, 0, "now", null),
                    ModelCard.Preprocessing.standard(8, 8), ModelCard.Training.fixedFeatures(rows.length, 0.1, km.inertia(), e),
                    ClusterMakeup.of(data, rows, km.labels(), 3), new ModelCard.Vocabulary(List.of("CT", "MR"), List.of("HEAD")),
                    Novelty.ofDistances(Novelty.distances(x, km.labels(), km.centres())));
            Path dir = tmp.resolve("model");
            Method.PIXELS.fixedFeatureModel(card, e, km.centres()).save(dir);

            try (ClusteringModel loaded = ModelFolder.load(dir, new Hardware(1, "cpu"))) {
                assertEquals(Method.PIXELS, loaded.method());
                assertEquals(3, loaded.k());
                Assignments a = loaded.assign(data, rows, Progress.NONE);
                Assignments expected = StudentT.assign(x, km.centres());
                assertArrayEquals(expected.clusters(), a.clusters());
                assertArrayEquals(km.labels(), a.clusters(), "k-means' own labels are the nearest centres");
                assertArrayEquals(Novelty.calibrate(x, km.labels(), km.centres()).quantiles(),
                        loaded.card().novelty().quantiles(), 0);
                assertEquals(card.clusters(), loaded.card().clusters());
            }
        }
    }

    @Test
    void partsThatDoNotFitAreRefused() throws Exception {
        try (Dataset data = images()) {
            int[] rows = java.util.stream.IntStream.range(0, data.size()).toArray();
            MethodSettings settings = MethodSettings.paper().withK(2);
            Embedder e = Method.PIXELS.newEmbedder(settings);
            e.fit(data, rows, Progress.NONE);
            List<ClusterMakeup> two = ClusterMakeup.of(data, rows, new int[rows.length], 2);
            ModelCard card = ModelCard.of(Method.PIXELS, settings,
                    new ModelCard.DatasetFingerprint("memory", "test", 30, 30, 0, 0, "now", null),
                    ModelCard.Preprocessing.standard(8, 8), ModelCard.Training.fixedFeatures(30, 0, 1, e), two,
                    new ModelCard.Vocabulary(List.of(), List.of()), Novelty.ofDistances(new double[] {1}));
            double[][] wrongDimension = {new double[3], new double[3]};
            double[][] threeCentres = {new double[64], new double[64], new double[64]};
            assertThrows(IllegalArgumentException.class, () -> Method.PIXELS.fixedFeatureModel(card, e, wrongDimension));
            assertThrows(IllegalArgumentException.class, () -> Method.PIXELS.fixedFeatureModel(card, e, threeCentres));
            assertThrows(IllegalArgumentException.class, () -> Method.HOG.fixedFeatureModel(card, e, new double[2][64]));
            assertThrows(IllegalArgumentException.class, () -> Method.CAE.fixedFeatureModel(card, e, new double[2][64]));
            assertThrows(IllegalArgumentException.class, () -> ModelCard.of(Method.PIXELS, settings.withK(3),
                    card.dataset(), card.preprocessing(), card.training(), two, card.vocabulary(), card.novelty()));
        }
    }

    @Test
    void calibrationFromDistancesEqualsTheOneFromTheEmbedding() {
        double[][] x = {{3, 4}, {1, 1}, {0, 0}, {2, 2}};
        int[] clusters = {0, 1, 1, 0};
        double[][] centres = {{0, 0}, {1, 2}};
        double[] d = Novelty.distances(x, clusters, centres);
        assertArrayEquals(Novelty.calibrate(x, clusters, centres).quantiles(), Novelty.ofDistances(d).quantiles(), 0);
        assertThrows(IllegalArgumentException.class, () -> Novelty.ofDistances(new double[0]));
    }
}
