package org.pacscluster.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoppingRuleTest {
    @Test
    void patienceCountsBadEpochsAndZeroIsOff() {
        int[] bad = {0};
        StoppingRule rule = StoppingRule.patience(3, () -> bad[0]);
        bad[0] = 2;
        assertNull(rule.check());
        bad[0] = 3;
        assertEquals(StopReason.EARLY_STOPPING, rule.check());
        assertNull(StoppingRule.patience(0, () -> 100).check(), "patience 0 never stops");
    }

    @Test
    void lossChangeComparesTheLastTwoEpochsRelatively() {
        List<Double> losses = new ArrayList<>(List.of(2.0));
        StoppingRule rule = StoppingRule.lossChange(0.001, losses);
        assertNull(rule.check(), "one epoch has nothing to compare with");
        losses.add(1.997); // moved by 0.15%
        assertNull(rule.check());
        losses.add(1.996); // moved by 0.05% of 1.997
        assertEquals(StopReason.LOSS_CHANGE, rule.check());
        assertNull(StoppingRule.lossChange(0.5, List.of(4.0, 2.0)).check(), "a change of exactly the tolerance goes on");
        assertNull(StoppingRule.lossChange(0, List.of(1.0, 1.0)).check(), "tolerance 0 is off");
    }

    @Test
    void labelChangeSkipsTheFirstTargetUpdate() {
        List<Double> changes = new ArrayList<>(List.of(0.0));
        StoppingRule rule = StoppingRule.labelChange(0.001, changes);
        assertNull(rule.check(), "the first update compares with k-means' labels");
        changes.add(0.05);
        assertNull(rule.check());
        changes.add(0.001);
        assertNull(rule.check(), "exactly the tolerance goes on");
        changes.add(0.0005);
        assertEquals(StopReason.LABEL_CHANGE, rule.check());
    }
}
