package org.pacscluster.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.deep.CaeConfig;

class CaeProfileTest {
    @Test
    void selfTimeIsDurationLessDirectChildrenPerThread(@TempDir Path tmp) throws Exception {
        // thread 1: conv2d [0,100) holds convolution [10,90) which holds mkldnn [20,80); then relu [100,110)
        // thread 2: a second conv2d [0,50) with nothing inside
        Path trace = tmp.resolve("t.json");
        Files.writeString(trace, """
                {"traceEvents": [
                 {"ph":"X","name":"aten::conv2d","ts":0,"dur":100,"tid":1},
                 {"ph":"X","name":"aten::convolution","ts":10,"dur":80,"tid":1},
                 {"ph":"X","name":"aten::mkldnn_convolution","ts":20,"dur":60,"tid":1},
                 {"ph":"X","name":"aten::relu","ts":100,"dur":10,"tid":1},
                 {"ph":"X","name":"aten::conv2d","ts":0,"dur":50,"tid":2},
                 {"ph":"i","name":"marker","ts":5,"tid":1}
                ]}""");
        Map<String, CaeProfile.Op> ops = CaeProfile.selfTimes(trace).stream()
                .collect(Collectors.toMap(CaeProfile.Op::name, o -> o));
        assertEquals(0.020 + 0.050, ops.get("aten::conv2d").selfMs(), 1e-12); // µs in the trace, ms out
        assertEquals(2, ops.get("aten::conv2d").calls());
        assertEquals(0.020, ops.get("aten::convolution").selfMs(), 1e-12);
        assertEquals(0.060, ops.get("aten::mkldnn_convolution").selfMs(), 1e-12);
        assertEquals(0.010, ops.get("aten::relu").selfMs(), 1e-12);
        assertEquals(4, ops.size());
    }

    @Test
    void countsThePapersArithmetic() {
        // the paper's CAE at 256²: forward multiply-adds worked out by hand, per conv 9·side²·in·out
        double enc = 9.0 * (256 * 256 * 1 * 32 + 128 * 128 * 32 * 32 + 64 * 64 * 32 * 64 + 32 * 32 * 64 * 64 + 16 * 16 * 64 * 64);
        double dec = 9.0 * (16 * 16 * 64 * 64 + 32 * 32 * 64 * 64 + 64 * 64 * 64 * 32 + 128 * 128 * 32 * 32 + 256 * 256 * 32 * 1);
        double dense = 2.0 * 64 * 8 * 8 * 100;
        CaeArithmetic a = CaeArithmetic.of(CaeConfig.paper(), 1);
        assertEquals(enc + dec + dense, a.forwardMacs(), 1);
        double firstConv = 9.0 * 256 * 256 * 32;
        assertEquals(2 * (3 * (enc + dec + dense) - firstConv), a.trainingFlops(), 1);
    }
}
