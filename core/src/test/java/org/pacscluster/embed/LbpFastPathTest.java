package org.pacscluster.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The P = 8, R = 1 single-pass codes ({@code Lbp.codes}) equal the generic neighbour-major ones
 * ({@code Lbp.codesGeneral}, checked against scikit-image in HogLbpTest) on images where interpolation and ties matter.
 */
class LbpFastPathTest {
    @Test
    void eightNeighbourCodesEqualTheGenericOnes() {
        SplittableRandom rnd = new SplittableRandom(3);
        int[][] shapes = {{64, 64}, {17, 23}, {1, 5}, {40, 3}};
        for (LbpConfig.Variant v : LbpConfig.Variant.values()) {
            Lbp lbp = new Lbp(new LbpConfig(8, 1, 16, v));
            for (int[] shape : shapes) {
                int rows = shape[0], cols = shape[1];
                int[] fast = new int[rows * cols], general = new int[rows * cols];
                for (int mode = 0; mode < 5; mode++) {
                    double[] img = new double[rows * cols];
                    for (int i = 0; i < img.length; i++) {
                        img[i] = switch (mode) {
                            case 0 -> rnd.nextInt(256);                  // 8-bit noise
                            case 1 -> rnd.nextInt(3);                    // few levels: many ties
                            case 2 -> rnd.nextDouble();                  // continuous
                            case 3 -> (i / cols + i % cols) % 7;         // ramps
                            default -> rnd.nextInt(65536) / 65535.0;     // scaled 16-bit
                        };
                    }
                    lbp.codes(img, rows, cols, fast);
                    lbp.codesGeneral(img, rows, cols, general);
                    assertArrayEquals(general, fast, v + " " + rows + "x" + cols + " mode " + mode);
                }
            }
        }
    }
}
