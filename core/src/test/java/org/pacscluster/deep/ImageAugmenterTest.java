package org.pacscluster.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pacscluster.io.InvalidSettingException;

/** The transforms against arrays built by hand (shifted, turned, mirrored by index arithmetic), and the seeding. */
class ImageAugmenterTest {
    /** An S×S image of distinct values in (0, 1): no symmetry that could hide a wrong transform. */
    static float[] asymmetric(int side) {
        float[] img = new float[side * side];
        SplittableRandom rng = new SplittableRandom(side);
        for (int i = 0; i < img.length; i++) img[i] = (float) (0.05 + 0.9 * rng.nextDouble());
        return img;
    }

    static float[] transformed(ImageAugmenter.Transform t, float[] img, int side) {
        float[] out = new float[img.length];
        new ImageAugmenter(AugmentConfig.none(), side).apply(t, img, 0, out, 0);
        return out;
    }

    @Test
    void theIdentityCopiesExactly() {
        float[] img = asymmetric(7);
        assertArrayEquals(img, transformed(ImageAugmenter.Transform.IDENTITY, img, 7));
    }

    @Test
    void anIntegerShiftMovesPixelsExactlyAndFillsWithZero() {
        int s = 6;
        float[] img = asymmetric(s);
        float[] out = transformed(new ImageAugmenter.Transform(0, 1, 2, -1, false, 1, 0), img, s);
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int fromX = x - 2, fromY = y + 1; // content moved 2 right and 1 up
                float want = fromX >= 0 && fromY < s ? img[fromY * s + fromX] : 0f;
                assertEquals(want, out[y * s + x], "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void aQuarterTurnIsAClockwiseRotationOfTheArray() {
        for (int s : new int[] {4, 5}) { // even and odd sides: the centre between pixels or on one
            float[] img = asymmetric(s);
            float[] out = transformed(new ImageAugmenter.Transform(90, 1, 0, 0, false, 1, 0), img, s);
            float[] want = new float[s * s];
            for (int r = 0; r < s; r++) for (int c = 0; c < s; c++) want[r * s + c] = img[(s - 1 - c) * s + r]; // numpy rot90(k=-1)
            assertArrayEquals(want, out, "side " + s);
        }
    }

    @Test
    void aFlipMirrorsLeftToRight() {
        int s = 5;
        float[] img = asymmetric(s);
        float[] out = transformed(new ImageAugmenter.Transform(0, 1, 0, 0, true, 1, 0), img, s);
        for (int y = 0; y < s; y++) for (int x = 0; x < s; x++) assertEquals(img[y * s + s - 1 - x], out[y * s + x]);
    }

    @Test
    void aHalfPixelShiftAveragesNeighbours() {
        int s = 4;
        float[] img = asymmetric(s);
        float[] out = transformed(new ImageAugmenter.Transform(0, 1, 0.5, 0, false, 1, 0), img, s);
        for (int y = 0; y < s; y++) {
            assertEquals(0.5 * img[y * s], out[y * s], 1e-7); // half of the zero outside
            for (int x = 1; x < s; x++) assertEquals(0.5 * (img[y * s + x - 1] + img[y * s + x]), out[y * s + x], 1e-7);
        }
    }

    @Test
    void intensityIsGainThenOffsetClippedToTheUnitRange() {
        int s = 8;
        float[] img = asymmetric(s);
        float[] out = transformed(new ImageAugmenter.Transform(0, 1, 0, 0, false, 1.6, 0.3), img, s);
        for (int i = 0; i < img.length; i++) assertEquals(Math.min(1, 1.6 * img[i] + 0.3), out[i], 1e-6);
        float[] dark = transformed(new ImageAugmenter.Transform(0, 1, 0, 0, false, 0.5, -0.4), img, s);
        for (int i = 0; i < img.length; i++) assertEquals(Math.max(0, 0.5 * img[i] - 0.4), dark[i], 1e-6);
        // and random transforms of the widest allowed ranges stay in [0, 1]
        AugmentConfig wide = new AugmentConfig(0.49, 180, 0.5, 0.99, 0.99, true);
        float[] batch = new float[20 * s * s];
        for (int i = 0; i < 20; i++) System.arraycopy(img, 0, batch, i * s * s, s * s);
        for (float v : new ImageAugmenter(wide, s).augment(batch, 20, 5)) assertTrue(v >= 0 && v <= 1, "value " + v);
    }

    @Test
    void drawsStayInTheirRangesAndNoneDrawsTheIdentity() {
        AugmentConfig cfg = AugmentConfig.radiology();
        ImageAugmenter aug = new ImageAugmenter(cfg, 64);
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 2000; i++) {
            ImageAugmenter.Transform t = aug.draw(rng);
            assertTrue(Math.abs(t.degrees()) <= 10 && Math.abs(t.scale() - 1) <= 0.05, t.toString());
            assertTrue(Math.abs(t.shiftX()) <= 0.06 * 64 && Math.abs(t.shiftY()) <= 0.06 * 64, t.toString());
            assertTrue(Math.abs(t.gain() - 1) <= 0.05 && Math.abs(t.offset()) <= 0.05 && !t.flip(), t.toString());
        }
        ImageAugmenter none = new ImageAugmenter(AugmentConfig.none(), 64);
        for (int i = 0; i < 100; i++) {
            ImageAugmenter.Transform t = none.draw(rng);
            float[] img = asymmetric(64);
            assertArrayEquals(img, transformed(t, img, 64), t.toString());
        }
    }

    @Test
    void theSameSeedGivesTheSameBatchAndAnotherEpochOrBatchAnother() {
        int s = 16, n = 5;
        float[] batch = new float[n * s * s];
        for (int i = 0; i < n; i++) System.arraycopy(asymmetric(s), 0, batch, i * s * s, s * s);
        float[] before = batch.clone();
        ImageAugmenter aug = new ImageAugmenter(AugmentConfig.decDa(), s);
        float[] a = aug.augment(batch, n, ImageAugmenter.batchSeed(7, 3, 2));
        float[] b = new ImageAugmenter(AugmentConfig.decDa(), s).augment(batch, n, ImageAugmenter.batchSeed(7, 3, 2));
        assertArrayEquals(a, b);
        assertArrayEquals(before, batch, "the input batch must not change");
        assertFalse(Arrays.equals(a, aug.augment(batch, n, ImageAugmenter.batchSeed(7, 4, 2))), "another epoch");
        assertFalse(Arrays.equals(a, aug.augment(batch, n, ImageAugmenter.batchSeed(7, 3, 3))), "another batch");
        assertFalse(Arrays.equals(a, aug.augment(batch, n, ImageAugmenter.batchSeed(8, 3, 2))), "another seed");
        for (int i = 0; i < n; i++) {
            assertFalse(Arrays.equals(Arrays.copyOfRange(a, i * s * s, (i + 1) * s * s),
                    Arrays.copyOfRange(batch, i * s * s, (i + 1) * s * s)), "image " + i + " unchanged");
        }
    }

    @Test
    void settingsAreValidatedAndPresetsNamed() {
        assertThrows(InvalidSettingException.class, () -> AugmentConfig.none().withMaxShift(0.5));
        assertThrows(InvalidSettingException.class, () -> AugmentConfig.none().withMaxRotation(-1));
        assertThrows(InvalidSettingException.class, () -> AugmentConfig.none().withMaxScale(Double.NaN));
        assertThrows(InvalidSettingException.class, () -> AugmentConfig.none().withMaxGain(1));
        assertThrows(InvalidSettingException.class, () -> AugmentConfig.preset("mnist"));
        assertEquals(AugmentConfig.decDa(), AugmentConfig.preset(" DEC-DA "));
        assertEquals(AugmentConfig.radiology(), AugmentConfig.preset("radiology"));
        assertFalse(AugmentConfig.preset("none").enabled());
        assertTrue(AugmentConfig.none().withFlips(true).enabled());
        assertFalse(AugmentConfig.radiology().flips() || AugmentConfig.decDa().flips(), "laterality: no flips by default");
        assertEquals("none", AugmentConfig.none().describe());
    }
}
