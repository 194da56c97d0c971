package org.pacscluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.SharedData;
import org.pacscluster.cli.IngestCommandTest.Run;
import org.pacscluster.ingest.MedNistSubset;
import org.pacscluster.io.Csv;

/**
 * The "fits no cluster" decision on real images: a HOG model trained on MedNIST keeps nearly all MedNIST test
 * images and flags DICOM files of modalities MedNIST lacks (ultrasound, nuclear medicine, visible light).
 */
class NoveltyCommandTest {
    /** Shared DICOM files whose modality no MedNIST image has. */
    static final List<String> OTHER_MODALITIES = List.of("nema-compsamples/US1_UNC",
            "nema-compsamples/US-PAL-8-10x-echo.dcm", "nema-compsamples/NM1_UNC", "nema-compsamples/VL1_UNC",
            "pydicom-data/OBXXXX1A.dcm");

    @TempDir
    static Path tmp;
    static Path model;
    static Path dataset;

    @BeforeAll
    static void train() throws Exception {
        Path zip = tmp.resolve("m.zip"), labels = tmp.resolve("labels.csv");
        MedNistSubset.write(zip, labels, 100, Map.of());
        dataset = tmp.resolve("ds");
        assertEquals(0, Main.run("ingest", zip.toString(), "--labels", labels.toString(), "--size", "64",
                "--out", dataset.toString()));
        model = tmp.resolve("model-hog");
        Run r = IngestCommandTest.run("train", "--dataset", dataset.toString(), "--method", "hog", "--k", "12",
                "--kmeans-init", "3", "--out", model.toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void keepsMedNistTestImagesAndFlagsOtherModalities() throws Exception {
        Path test = tmp.resolve("test.csv");
        Run p = IngestCommandTest.run("predict", "--model", model.toString(), dataset.toString(), "--split", "test",
                "--out", test.toString());
        assertEquals(0, p.code(), p.err());
        Csv.Table t = Csv.read(test);
        assertEquals(List.of("id", "source", "cluster", "probability", "cluster_modality", "cluster_region",
                "distance", "novel"), t.header());
        long novel = t.rows().stream().filter(r -> r.get(t.column("novel")).equals("yes")).count();
        System.out.printf("[novelty] MedNIST test images kept: %d of %d%n", t.rows().size() - novel, t.rows().size());
        assertTrue(novel <= 0.08 * t.rows().size(), novel + " of " + t.rows().size() + " MedNIST test images flagged");

        Path folder = Files.createDirectories(tmp.resolve("other"));
        for (String f : OTHER_MODALITIES) {
            Files.copy(SharedData.data("dicom").resolve(f), folder.resolve(Path.of(f).getFileName().toString()));
        }
        Path other = tmp.resolve("other.csv");
        Run o = IngestCommandTest.run("predict", "--model", model.toString(), folder.toString(), "--out", other.toString());
        assertEquals(0, o.code(), o.err());
        Csv.Table ot = Csv.read(other);
        assertEquals(OTHER_MODALITIES.size(), ot.rows().size());
        long flagged = ot.rows().stream().filter(r -> r.get(ot.column("novel")).equals("yes")).count();
        System.out.printf("[novelty] other-modality DICOM files flagged: %d of %d%n", flagged, ot.rows().size());
        assertTrue(flagged >= OTHER_MODALITIES.size() - 1, flagged + " of " + OTHER_MODALITIES.size() + " flagged: " + o.out());
        assertTrue(o.out().contains(flagged + " of " + OTHER_MODALITIES.size() + " images fit no cluster"), o.out());

        // another model's clusters, novelty judged by the HOG model: the same decisions as the HOG model's own
        Path pca = tmp.resolve("model-pca"), guarded = tmp.resolve("guarded.csv");
        assertEquals(0, IngestCommandTest.run("train", "--dataset", dataset.toString(), "--method", "pca", "--k", "12",
                "--kmeans-init", "3", "--out", pca.toString()).code());
        Run g = IngestCommandTest.run("predict", "--model", pca.toString(), "--novelty-model", model.toString(),
                folder.toString(), "--out", guarded.toString());
        assertEquals(0, g.code(), g.err());
        Csv.Table gt = Csv.read(guarded);
        for (int i = 0; i < gt.rows().size(); i++) {
            assertEquals(ot.rows().get(i).get(ot.column("novel")), gt.rows().get(i).get(gt.column("novel")));
            assertEquals(ot.rows().get(i).get(ot.column("distance")), gt.rows().get(i).get(gt.column("distance")));
        }

        // audit suggests no tag for them
        Path audit = tmp.resolve("audit.csv");
        Run a = IngestCommandTest.run("audit", "--model", model.toString(), folder.toString(), "--out", audit.toString());
        assertEquals(0, a.code(), a.err());
        Csv.Table at = Csv.read(audit);
        for (List<String> r : ot.rows()) {
            if (!r.get(ot.column("novel")).equals("yes")) continue;
            String id = r.get(0);
            assertTrue(at.rows().stream().noneMatch(f -> f.get(0).equals(id)), "a novel image got a suggestion: " + id);
        }
    }
}
