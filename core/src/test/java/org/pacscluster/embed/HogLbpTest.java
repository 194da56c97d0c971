package org.pacscluster.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.pacscluster.BaselineReference;

class HogLbpTest {
    private static final JsonNode CASES = BaselineReference.read("hog_lbp_mednist.json").get("cases");

    @Test
    void hogMatchesScikitImageAt64() {
        assertEquals(6, CASES.size());
        Hog hog = new Hog(HogConfig.defaults());
        double worst = 0;
        for (JsonNode c : CASES) {
            double[] img = scaled(BaselineReference.ints(c.get("pixels_uint8_64x64")));
            double[] expected = BaselineReference.doubles(c.get("hog_64"));
            double[] out = new double[HogConfig.defaults().length(64, 64)];
            assertEquals(expected.length, out.length);
            hog.compute(img, 64, 64, out, 0);
            for (int i = 0; i < out.length; i++) worst = Math.max(worst, Math.abs(out[i] - expected[i]));
            assertArrayEquals(expected, out, 1e-5, c.get("entry").asText());
        }
        System.out.println("HOG 64x64 worst abs difference vs skimage: " + worst);
    }

    @Test
    void hogMatchesScikitImageAt256FromNearestUpscale() {
        Hog hog = new Hog(HogConfig.defaults());
        for (JsonNode c : CASES) {
            int[] px = BaselineReference.ints(c.get("pixels_uint8_64x64"));
            int[] up = new int[256 * 256];
            for (int r = 0; r < 256; r++) for (int col = 0; col < 256; col++) up[r * 256 + col] = px[(r / 4) * 64 + col / 4];
            double[] out = new double[HogConfig.defaults().length(256, 256)];
            assertEquals(c.get("hog_256_from_4x_nearest_upscale_len").asInt(), out.length);
            hog.compute(scaled(up), 256, 256, out, 0);
            double[] first = BaselineReference.doubles(c.get("hog_256_first200"));
            assertArrayEquals(first, java.util.Arrays.copyOf(out, first.length), 1e-5, c.get("entry").asText());
        }
    }

    @Test
    void lbpCodesMatchScikitImageExactly() {
        for (JsonNode c : CASES) {
            double[] img = levels(BaselineReference.ints(c.get("pixels_uint8_64x64")));
            int[] codes = new int[64 * 64];
            new Lbp(new LbpConfig(8, 1, 16, LbpConfig.Variant.DEFAULT)).codes(img, 64, 64, codes);
            assertArrayEquals(BaselineReference.ints(c.get("lbp_default_P8_R1")), codes, c.get("entry").asText());
            new Lbp(new LbpConfig(8, 1, 16, LbpConfig.Variant.UNIFORM)).codes(img, 64, 64, codes);
            assertArrayEquals(BaselineReference.ints(c.get("lbp_uniform_P8_R1")), codes, c.get("entry").asText());
        }
    }

    @Test
    void hogBinsFollowScikitImageEdges() {
        Hog hog = new Hog(HogConfig.defaults());
        assertEquals(0, hog.bin(0, 1));      // 0°
        assertEquals(0, hog.bin(0, -1));     // 180° → 0 after the modulo
        assertEquals(4, hog.bin(1, 0));      // 90° lies in [80, 100)
        assertEquals(2, hog.bin(1, 1));      // 45°
        assertEquals(6, hog.bin(-1, 1));     // -45° → 135°
        assertEquals(0, hog.bin(0, 0));      // no gradient: angle 0 (magnitude 0 anyway)
    }

    @Test
    void lbpHistogramsAreCellFrequencies() {
        LbpConfig cfg = LbpConfig.defaults();
        Lbp lbp = new Lbp(cfg);
        double[] flat = new double[32 * 32];
        java.util.Arrays.fill(flat, 7);
        int[] codes = new int[flat.length];
        lbp.codes(flat, 32, 32, codes);
        double[] h = new double[cfg.length(32, 32)];
        assertEquals(4 * 10, h.length);
        lbp.histograms(codes, 32, 32, h, 0);
        // interior pixels of a flat image: all neighbours equal → all bits set → uniform code P = 8
        for (int cell = 0; cell < 4; cell++) {
            double sum = 0;
            for (int b = 0; b < 10; b++) sum += h[cell * 10 + b];
            assertEquals(1.0, sum, 1e-12);
            assertEquals(1.0 - 31.0 / 256, h[cell * 10 + 8], 1e-12); // 31 border pixels per corner cell see zeros
        }
    }

    @Test
    void configsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new HogConfig(0, 8, 2));
        assertThrows(IllegalArgumentException.class, () -> HogConfig.defaults().length(8, 8));
        assertThrows(IllegalArgumentException.class, () -> new LbpConfig(8, 0, 16, LbpConfig.Variant.UNIFORM));
        assertThrows(IllegalArgumentException.class, () -> LbpConfig.Variant.parse("ror"));
    }

    static double[] scaled(int[] px) {
        double[] out = new double[px.length];
        for (int i = 0; i < px.length; i++) out[i] = px[i] / 255.0;
        return out;
    }

    static double[] levels(int[] px) {
        double[] out = new double[px.length];
        for (int i = 0; i < px.length; i++) out[i] = px[i];
        return out;
    }
}
