package org.pacscluster.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.cli.Main;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.Split;
import org.pacscluster.ingest.MedNistSubset;
import org.pacscluster.progress.Progress;

/** The embedders on a real (small) MedNIST dataset made by the ingest command. */
class EmbeddersTest {
    @TempDir
    static Path tmp;
    static Path dataset;

    @BeforeAll
    static void ingest() throws Exception {
        Path zip = tmp.resolve("m.zip"), labels = tmp.resolve("labels.csv");
        MedNistSubset.write(zip, labels, 10, Map.of());
        dataset = tmp.resolve("ds");
        assertEquals(0, Main.run("ingest", zip.toString(), "--labels", labels.toString(), "--size", "64",
                "--out", dataset.toString()));
    }

    @Test
    void storedLevelsAreRecoveredExactly() {
        float scale = 1f / 255;
        for (int q = 0; q < 256; q++) assertEquals(q, Math.round((q * scale) * 255.0));
    }

    @Test
    void descriptorsOnTheDatasetEqualTheCoreAlgorithms() throws Exception {
        try (Dataset d = Dataset.open(dataset)) {
            int[] rows = d.rows(Split.TEST);
            Embedder hog = new HogEmbedder(HogConfig.defaults());
            hog.fit(d, d.rows(Split.TRAIN), Progress.NONE);
            double[][] h = hog.transform(d, rows, Progress.NONE);
            Embedder lbp = new LbpEmbedder(LbpConfig.defaults());
            lbp.fit(d, d.rows(Split.TRAIN), Progress.NONE);
            double[][] l = lbp.transform(d, rows, Progress.NONE);
            assertEquals(1764, hog.dimension());
            assertEquals(160, lbp.dimension());
            float[] img = d.image(rows[0]);
            double[] scaled = new double[img.length], levels = new double[img.length];
            for (int i = 0; i < img.length; i++) { levels[i] = Math.round(img[i] * 255.0); scaled[i] = levels[i] / 255; }
            double[] expectHog = new double[1764];
            new Hog(HogConfig.defaults()).compute(scaled, 64, 64, expectHog, 0);
            assertArrayEquals(expectHog, h[0], 0);
            int[] codes = new int[64 * 64];
            Lbp core = new Lbp(LbpConfig.defaults());
            core.codes(levels, 64, 64, codes);
            double[] expectLbp = new double[160];
            core.histograms(codes, 64, 64, expectLbp, 0);
            assertArrayEquals(expectLbp, l[0], 0);
        }
    }

    @Test
    void pcaExplainsMostOfTheVarianceWithTwentyComponents() throws Exception {
        try (Dataset d = Dataset.open(dataset)) {
            PcaEmbedder pca = new PcaEmbedder(PcaConfig.defaults());
            pca.fit(d, d.rows(Split.TRAIN), Progress.NONE);
            double[] r = pca.model().explainedVarianceRatio();
            assertEquals(20, r.length);
            assertTrue(pca.model().explainedVariance() > 0.5 && pca.model().explainedVariance() <= 1.0);
        }
    }
}
