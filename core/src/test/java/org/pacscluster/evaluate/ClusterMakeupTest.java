package org.pacscluster.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterMakeupTest {
    @Test
    void majorityShareTiesAndEmptyClusters() {
        String[] mod = {"CT", "CT", "MR", "MR", "CT", "US"};
        String[] reg = {"head", "chest", "head", "chest", "head", "abdomen"};
        int[] clusters = {0, 0, 0, 1, 1, 1};
        List<ClusterMakeup> m = ClusterMakeup.of(mod, reg, clusters, 3);
        assertEquals(new ClusterMakeup(0, 3, "CT", 2 / 3.0, "head", 2 / 3.0, java.util.Map.of("CT", 2, "MR", 1),
                java.util.Map.of("head", 2, "chest", 1)), m.get(0));
        assertEquals(1 / 3.0, m.get(0).shareOf(org.pacscluster.dataset.LabelKind.REGION, "Chest"), 0);
        assertEquals(0, m.get(0).shareOf(org.pacscluster.dataset.LabelKind.REGION, "abdomen"), 0);
        // one CT, one MR, one US: the tie goes to the alphabetically first, whatever the hash order
        assertEquals("CT", m.get(1).modality());
        assertEquals(1 / 3.0, m.get(1).modalityShare(), 0);
        assertEquals("abdomen", m.get(1).region());
        assertEquals(new ClusterMakeup(2, 0, "", 0, "", 0, java.util.Map.of(), java.util.Map.of()), m.get(2));
        assertEquals(Double.NaN, m.get(2).shareOf(org.pacscluster.dataset.LabelKind.REGION, "head"));
        assertEquals(Double.NaN, new ClusterMakeup(0, 3, "CT", 1, "head", 1).shareOf(org.pacscluster.dataset.LabelKind.REGION, "head"));
    }

    @Test
    void countedMakeUpEqualsThePerRowOne() {
        String[] mod = {"CT", "CT", "MR", "MR", "MR", "CT"};
        String[] reg = {"HEAD", "HEAD", "HEAD", "KNEE", "KNEE", "KNEE"};
        int[] clusters = {0, 0, 0, 1, 1, 1};
        // the same rows counted: (0, CT, HEAD) × 2, (0, MR, HEAD) × 1, (1, MR, KNEE) × 2, (1, CT, KNEE) × 1
        List<ClusterMakeup> counted = ClusterMakeup.ofCounts(new String[] {"CT", "MR", "MR", "CT"},
                new String[] {"HEAD", "HEAD", "KNEE", "KNEE"}, new int[] {0, 0, 1, 1}, new int[] {2, 1, 2, 1}, 3);
        assertEquals(ClusterMakeup.of(mod, reg, clusters, 3), counted);
        assertEquals(3, counted.get(0).size());
        assertEquals("CT", counted.get(0).modality());
        assertEquals(0, counted.get(2).size());
    }
}
