package org.pacscluster.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchPartsTest {
    @TempDir Path tmp;

    @Test
    void statsMatchNumpyPercentiles() {
        // numpy.percentile([4, 1, 3, 2, 10], [25, 50, 75]) = [2, 3, 4]
        Stats s = Stats.of(new double[] {4, 1, 3, 2, 10});
        assertEquals(3, s.medianSeconds());
        assertEquals(2, s.q1Seconds());
        assertEquals(4, s.q3Seconds());
        assertEquals(1, s.minSeconds());
        assertEquals(10, s.maxSeconds());
        assertEquals(100.0 / 3, s.throughput(100, 1), 1e-12);
        assertEquals(10.0, s.throughputLow(100, 1), 1e-12);
        assertArrayEquals(new double[] {4, 1, 3, 2, 10}, s.seconds());
        // even count: interpolated median
        assertEquals(2.5, Stats.of(new double[] {1, 2, 3, 4}).medianSeconds());
        assertThrows(IllegalArgumentException.class, () -> Stats.of(new double[0]));
    }

    @Test
    void npyFollowsFormatOne() throws Exception {
        Path f = tmp.resolve("a.npy");
        Npy.writeFloat32(f, new float[] {1.5f, -2f, 0f, 3.25f, 7f, 8f}, 2, 3);
        byte[] b = Files.readAllBytes(f);
        assertEquals((byte) 0x93, b[0]);
        assertEquals("NUMPY", new String(b, 1, 5, StandardCharsets.US_ASCII));
        int headerLen = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        assertEquals(0, (10 + headerLen) % 64, "data starts 64-byte aligned");
        String header = new String(b, 10, headerLen, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }") && header.endsWith("\n"), header);
        ByteBuffer data = ByteBuffer.wrap(b, 10 + headerLen, 24).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1.5f, data.getFloat());
        assertEquals(-2f, data.getFloat());
        assertEquals(24, b.length - 10 - headerLen);
        assertTrue(new String(Npy.header(5), StandardCharsets.US_ASCII).contains("'shape': (5,)"));
        assertThrows(IllegalArgumentException.class, () -> Npy.writeFloat32(f, new float[5], 2, 3));
    }

    @Test
    void gnuTimeReportIsParsed() throws Exception {
        String report = """
                \tCommand being timed: "java -cp x y"
                \tElapsed (wall clock) time (h:mm:ss or m:ss): 1:02.50
                \tMaximum resident set size (kbytes): 307200
                \tExit status: 0
                """;
        MemoryBench.Phase p = MemoryBench.parse(report);
        assertEquals(307200L * 1024, p.peakBytes());
        assertEquals(62.5, p.seconds(), 1e-9);
        assertThrows(java.io.IOException.class, () -> MemoryBench.parse("no report"));
    }

    @Test
    void everyWorkloadHasAUniqueNameAndAGoalOrNone() {
        assertEquals(Workloads.ALL.size(), Workloads.names().stream().distinct().count());
        assertEquals("hog-256", Workloads.byName(" HOG-256 ").name());
        assertEquals(5.0, Workloads.byName("lbp-256").goal());
        assertEquals(1.5, Workloads.byName("cae-train-256").goal());
        assertEquals(1.3, Workloads.byName("cae-train-64").goal());
        assertEquals(1.2, Workloads.byName("kmeans").goal());
        assertTrue(Double.isNaN(Workloads.byName("pca-20").goal()));
    }
}
