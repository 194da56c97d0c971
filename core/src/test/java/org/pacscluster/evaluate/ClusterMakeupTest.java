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
        assertEquals(new ClusterMakeup(0, 3, "CT", 2 / 3.0, "head", 2 / 3.0), m.get(0));
        // one CT, one MR, one US: the tie goes to the alphabetically first, whatever the hash order
        assertEquals("CT", m.get(1).modality());
        assertEquals(1 / 3.0, m.get(1).modalityShare(), 0);
        assertEquals("abdomen", m.get(1).region());
        assertEquals(new ClusterMakeup(2, 0, "", 0, "", 0), m.get(2));
    }
}
