package org.pacscluster.cluster;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Times k-means (k=25, n_init=10) on a raw little-endian float64 matrix named by -Dkmeans.bench=FILE:D (written by a
 * scikit-learn timing script, so both run on the same data). Run with -Pslow.
 */
@Tag("slow")
class KMeansSpeedTest {
    @Test
    void time() throws Exception {
        String spec = System.getProperty("kmeans.bench");
        Assumptions.assumeTrue(spec != null, "set -Dkmeans.bench=FILE:D");
        String[] parts = spec.split(":");
        int d = Integer.parseInt(parts[1]);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(Path.of(parts[0]))).order(ByteOrder.LITTLE_ENDIAN);
        int n = b.capacity() / 8 / d;
        double[][] x = new double[n][d];
        for (double[] row : x) for (int j = 0; j < d; j++) row[j] = b.getDouble();
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int r = 0; r < 2; r++) {
            long t = System.nanoTime();
            long cpu = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
            KMeansResult res = KMeans.fit(x, new KMeansConfig(25, 10, 300, 1e-4, 0));
            System.out.printf("java d=%d n=%d: wall %.2fs cpu %.2fs iters %d inertia %.6g%n", d, n,
                    (System.nanoTime() - t) / 1e9,
                    (((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() - cpu) / 1e9,
                    res.iterations(), res.inertia());
        }
    }
}
