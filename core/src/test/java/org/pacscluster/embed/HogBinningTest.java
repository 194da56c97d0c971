package org.pacscluster.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The atan2-free orientation binning gives exactly scikit-image's angle-based bin on quantised gradients. */
class HogBinningTest {
    private final Hog hog = new Hog(HogConfig.defaults());

    @Test
    void everyEightBitGradientGetsTheAngleRoutesBin() {
        for (int r = -255; r <= 255; r++) {
            for (int c = -255; c <= 255; c++) {
                double gr = r / 255.0, gc = c / 255.0;
                assertEquals(hog.binByAngle(gr, gc), hog.bin(gr, gc), "gradient (" + r + ", " + c + ")/255");
            }
        }
        // signed zeros, as central differences of equal pixels produce them
        for (double gr : new double[] {0.0, -0.0}) {
            for (double gc : new double[] {0.0, -0.0, 1 / 255.0, -1 / 255.0}) {
                assertEquals(hog.binByAngle(gr, gc), hog.bin(gr, gc), gr + ", " + gc);
            }
        }
    }

    @Test
    void sixteenBitGradientsGetTheAngleRoutesBin() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 2_000_000; i++) {
            double gr = (rng.nextInt(131071) - 65535) / 65535.0, gc = (rng.nextInt(131071) - 65535) / 65535.0;
            // half of the draws close to a bin boundary, where a wrong test would show
            if ((i & 1) == 1) gr = Math.rint(gc * Math.tan(Math.toRadians(20 * (1 + rng.nextInt(8)))) * 65535) / 65535;
            assertEquals(hog.binByAngle(gr, gc), hog.bin(gr, gc), "gradient " + gr + ", " + gc);
        }
    }

    @Test
    void otherBinCountsKeepTheAngleRoute() {
        Hog four = new Hog(new HogConfig(4, 8, 2));      // 45° boundaries: tan 45° = 1 ties with quantised gradients
        assertEquals(four.binByAngle(1, 1), four.bin(1, 1));
        assertEquals(four.binByAngle(-1, 1), four.bin(-1, 1));
    }
}
