package org.pacscluster.embed;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacscluster.BaselineReference;

/** Single-thread time per 64×64 image of HOG and LBP (compare: /usr/bin/python3 with skimage). Run with -Pslow. */
@Tag("slow")
class DescriptorSpeedTest {
    @Test
    void timePerImage() {
        JsonNode cases = BaselineReference.read("hog_lbp_mednist.json").get("cases");
        double[][] scaled = new double[6][], levels = new double[6][];
        for (int i = 0; i < 6; i++) {
            levels[i] = HogLbpTest.levels(BaselineReference.ints(cases.get(i).get("pixels_uint8_64x64")));
            scaled[i] = HogLbpTest.scaled(BaselineReference.ints(cases.get(i).get("pixels_uint8_64x64")));
        }
        Hog hog = new Hog(HogConfig.defaults());
        Lbp lbp = new Lbp(LbpConfig.defaults());
        double[] out = new double[1764];
        int[] codes = new int[4096];
        for (int round = 0; round < 3; round++) {
            int n = 20000;
            var mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long t = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) hog.compute(scaled[i % 6], 64, 64, out, 0);
            double th = (mx.getCurrentThreadCpuTime() - t) / 1e6 / n;
            t = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) { lbp.codes(levels[i % 6], 64, 64, codes); lbp.histograms(codes, 64, 64, out, 0); }
            double tl = (mx.getCurrentThreadCpuTime() - t) / 1e6 / n;
            System.out.printf("java per 64x64 image (1 thread, CPU time): hog %.4f ms, lbp %.4f ms%n", th, tl);
        }
    }
}
