package org.pacscluster.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RemainingTimeTest {
    static RunResult result(String method, int run, double seconds) {
        return new RunResult(method, run, run, 100, 50, 0, 0, 0, 0, 0, 0, 0, 0, 0, seconds);
    }

    @Test
    void eachPendingPairCostsItsMethodsMeanLessWhatItHasRun() {
        List<RunResult> done = List.of(result("cae", 0, 600), result("pca", 0, 10), result("cae", 1, 400));
        // run 2: cae running for 100 s (mean 500 → 400 left), pca not started (10)
        double left = RemainingTime.estimate(done, List.of(new RemainingTime.Pending("cae", 100),
                new RemainingTime.Pending("pca", 0)), 1);
        assertEquals(410, left, 1e-9);
        // a pair running longer than its mean counts 0, not negative
        assertEquals(10, RemainingTime.estimate(done, List.of(new RemainingTime.Pending("cae", 900),
                new RemainingTime.Pending("pca", 0)), 1), 1e-9);
        // two runs side by side share the work
        assertEquals(205, RemainingTime.estimate(done, List.of(new RemainingTime.Pending("cae", 100),
                new RemainingTime.Pending("pca", 0)), 2), 1e-9);
        assertEquals(0, RemainingTime.estimate(done, List.of(), 1), 1e-9);
    }

    @Test
    void unknownWhileAMethodToComeHasNotFinishedOnce() {
        List<RunResult> done = List.of(result("cae", 0, 600));
        assertTrue(Double.isNaN(RemainingTime.estimate(done, List.of(new RemainingTime.Pending("cdec", 0)), 1)));
    }
}
