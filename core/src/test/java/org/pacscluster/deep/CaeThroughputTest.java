package org.pacscluster.deep;

import ai.djl.Device;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Outside CI: training throughput of the CAE (images/s), forward+backward+Adam, on random batches. */
@Tag("slow")
class CaeThroughputTest {
    @Test
    void trainingThroughput() {
        int threads = Integer.parseInt(System.getenv().getOrDefault("DEEP_THREADS", "1"));
        DeepRuntime.engine(threads);
        for (CaeConfig cfg : new CaeConfig[] {
                CaeConfig.paper().withInputSize(64).withThreads(threads),
                CaeConfig.paper().withInputSize(32).withFilters(16, 32, 64).withLatent(10).withThreads(threads)}) {
            try (CaeNetwork net = CaeNetwork.initialise(cfg, Device.cpu());
                 AdamOptimizer adam = new AdamOptimizer(net.allParameters(), 1e-3, net.manager())) {
                CaeTrainer t = new CaeTrainer(net);
                int n = cfg.batchSize(), s = cfg.inputSize();
                float[] px = new float[n * s * s];
                SplittableRandom r = new SplittableRandom(1);
                for (int i = 0; i < px.length; i++) px[i] = (float) r.nextDouble();
                for (int i = 0; i < 3; i++) t.step(adam, px, n);
                int steps = 10;
                long t0 = System.nanoTime();
                for (int i = 0; i < steps; i++) t.step(adam, px, n);
                double sec = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "[throughput] %s threads=%d: %.1f img/s (%.0f ms/step)%n", cfg, threads,
                        steps * n / sec, 1000 * sec / steps);
            }
        }
    }
}
