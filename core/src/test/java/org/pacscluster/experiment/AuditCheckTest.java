package org.pacscluster.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pacscluster.audit.Confidence;
import org.pacscluster.cluster.Assignments;
import org.pacscluster.dataset.ImageRecord;
import org.pacscluster.dataset.Split;
import org.pacscluster.evaluate.ClusterMakeup;

class AuditCheckTest {
    private static final String[] REGIONS = {"abdomen", "chest", "head"};

    /** n records, region i % 3, plus one without a region tag. */
    private static List<ImageRecord> records(int n) {
        List<ImageRecord> r = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            r.add(new ImageRecord(i, "img" + i, "src" + i, "CT", REGIONS[i % 3], Split.TEST, "", "", ""));
        }
        r.add(new ImageRecord(n, "untagged", "src", "CT", "UNKNOWN", Split.TEST, "", "", ""));
        return r;
    }

    @Test
    void scoresARankingAsWorkedOutByHand() {
        // ranks 1, 3 and 6 are wrong tags, N = 3: 2 of the first 3, all 3 in the first 6,
        // AP = (1/1 + 2/3 + 3/6) / 3
        AuditCheck.Score s = AuditCheck.score(3, new boolean[] {true, false, true, false, false, true});
        assertEquals(2.0 / 3, s.precisionAtN(), 1e-12);
        assertEquals(1.0, s.recallAt2N(), 1e-12);
        assertEquals((1 + 2.0 / 3 + 0.5) / 3, s.averagePrecision(), 1e-12);
        assertEquals(0.5, s.precision()[3], 1e-12);
        assertEquals(2.0 / 3, s.recall()[3], 1e-12);

        AuditCheck.Score none = AuditCheck.score(2, new boolean[] {false, false});
        assertEquals(0, none.precisionAtN());
        assertEquals(0, none.recallAt2N());
        assertEquals(0, none.averagePrecision());
    }

    @Test
    void corruptsTheSeededShareOfTaggedImagesWithAnotherRegion() {
        List<ImageRecord> clean = records(300), a = new ArrayList<>(clean), b = new ArrayList<>(clean);
        Set<String> changed = AuditCheck.corruptRegions(a, 0.05, 7);
        assertEquals(15, changed.size()); // round(0.05 × 300 tagged images)
        for (int i = 0; i < clean.size(); i++) {
            boolean isChanged = changed.contains(clean.get(i).id());
            assertEquals(isChanged, !clean.get(i).region().equals(a.get(i).region()), clean.get(i).id());
        }
        assertTrue(!changed.contains("untagged"));
        assertEquals(changed, AuditCheck.corruptRegions(b, 0.05, 7));
        assertEquals(a, b);
        assertNotEquals(changed, AuditCheck.corruptRegions(new ArrayList<>(clean), 0.05, 8));
        // a small split still gets one wrong tag (round(0.01 × 20) would be 0), and a share of 0 none
        assertEquals(1, AuditCheck.corruptRegions(new ArrayList<>(records(20)), 0.01, 7).size());
        assertEquals(0, AuditCheck.corruptRegions(new ArrayList<>(clean), 0, 7).size());
    }

    @Test
    void findsEveryPlantedTagWhenTheClustersArePure() {
        // every image sits in the pure cluster of its true region: exactly the planted tags disagree
        List<ImageRecord> test = records(300);
        int[] clusters = new int[test.size()];
        float[] q = new float[test.size()];
        for (int i = 0; i < clusters.length; i++) { clusters[i] = i % 3; q[i] = 0.5f; }
        List<ClusterMakeup> makeup = List.of(new ClusterMakeup(0, 100, "CT", 1, "abdomen", 1),
                new ClusterMakeup(1, 100, "CT", 1, "chest", 0.9), new ClusterMakeup(2, 100, "CT", 1, "head", 0.8));
        AuditCheck.Score s = AuditCheck.check(test, new Assignments(clusters, q), makeup, i -> false, 0.02, 1, Confidence.TAG_RARITY);
        assertEquals(6, s.corrupted());
        assertEquals(6, s.findings());
        assertEquals(1.0, s.precisionAtN());
        assertEquals(1.0, s.recallAt2N());
        assertEquals(1.0, s.averagePrecision(), 1e-12);

        // the same images, all flagged novel: the audit suggests nothing, so nothing is found
        AuditCheck.Score novel = AuditCheck.check(test, new Assignments(clusters, q), makeup, i -> true, 0.02, 1, Confidence.TAG_RARITY);
        assertEquals(0, novel.findings());
        assertEquals(0, novel.recallAt2N());
    }
}
