package org.pacscluster.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.pacscluster.cluster.KMeans;
import org.pacscluster.cluster.KMeansConfig;
import org.pacscluster.cluster.KMeansResult;
import org.pacscluster.embed.PcaConfig;
import org.pacscluster.embed.PcaEmbedder;
import org.pacscluster.embed.RowSource;
import org.pacscluster.progress.Progress;

class ParallelismTest {
    /** The threads that ran an element of a 10,000-element parallel stream. */
    private static Set<Thread> streamThreads() {
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 10_000).parallel().forEach(i -> seen.add(Thread.currentThread()));
        return seen;
    }

    @Test
    void oneThreadMeansExactlyOneThread() {
        Thread caller = Thread.currentThread();
        Set<Thread> seen = Parallelism.call(1, ParallelismTest::streamThreads);
        assertEquals(1, seen.size(), seen.toString());
        assertFalse(seen.contains(caller), "the work runs in the pool, not on the caller");
    }

    @Test
    void twoThreadsMeansAtMostTwo() {
        Set<Thread> seen = Parallelism.call(2, ParallelismTest::streamThreads);
        assertTrue(seen.size() >= 1 && seen.size() <= 2, seen.toString());
        // nested parallel streams stay in the same pool too
        Set<Thread> nested = ConcurrentHashMap.newKeySet();
        Parallelism.call(2, () -> {
            IntStream.range(0, 64).parallel().forEach(i -> nested.addAll(streamThreads()));
            return null;
        });
        assertTrue(nested.size() <= 2, nested.toString());
    }

    @Test
    void zeroOrLessMeansEveryCore() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(cores, Parallelism.threads(0));
        assertEquals(cores, Parallelism.threads(-3));
        assertEquals(5, Parallelism.threads(5));
        Set<Thread> seen = Parallelism.call(0, ParallelismTest::streamThreads);
        assertTrue(seen.size() >= 1 && seen.size() <= cores, seen.toString());
    }

    /** A matrix whose rows record the threads that read them. */
    private record Recording(double[][] x, Set<Thread> readers) implements RowSource {
        Recording(double[][] x) { this(x, ConcurrentHashMap.newKeySet()); }
        @Override public int rows() { return x.length; }
        @Override public int dimension() { return x[0].length; }
        @Override public void read(int i, double[] dst) {
            readers.add(Thread.currentThread());
            System.arraycopy(x[i], 0, dst, 0, x[i].length);
        }
    }

    private static double[][] gaussian(int n, int d, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) x[i][j] = r.nextGaussian() + (i % 4) * 3;
        return x;
    }

    @Test
    void pcaReadsItsRowsOnlyOnThePoolsThreads() {
        double[][] x = gaussian(3000, 40, 1);
        PcaConfig cfg = new PcaConfig(5, PcaConfig.Solver.RANDOMIZED, 10, 4, 7);
        double[][] free = new PcaEmbedder(cfg).fit(RowSource.of(x), Progress.NONE).transform(RowSource.of(x));
        for (int t : new int[] {1, 2}) {
            Recording src = new Recording(x);
            double[][] y = Parallelism.call(t, () -> new PcaEmbedder(cfg).fit(src, Progress.NONE).transform(src));
            assertTrue(src.readers().size() <= t, t + " threads: " + src.readers());
            if (t == 1) assertEquals(1, src.readers().size());
            for (int i = 0; i < x.length; i++) assertArrayEquals(free[i], y[i], 0, "same numbers with " + t + " threads");
        }
    }

    @Test
    void kMeansGivesTheSameNumbersOnAnyNumberOfThreads() {
        double[][] x = gaussian(4000, 12, 2);
        KMeansConfig cfg = KMeansConfig.of(4, 42).withNInit(3);
        KMeansResult free = KMeans.fit(x, cfg);
        for (int t : new int[] {1, 2, 0}) {
            KMeansResult r = Parallelism.call(t, () -> KMeans.fit(x, cfg));
            assertArrayEquals(free.labels(), r.labels(), t + " threads");
            assertEquals(free.inertia(), r.inertia(), 0);
            for (int q = 0; q < 4; q++) assertArrayEquals(free.centres()[q], r.centres()[q], 0);
        }
    }

    @Test
    void failuresArriveUnchanged() {
        IOException io = new IOException("disk full");
        assertSame(io, assertThrows(IOException.class, () -> Parallelism.call(1, () -> { throw io; })));
        IllegalArgumentException iae = new IllegalArgumentException("k must be at least 1");
        assertSame(iae, assertThrows(IllegalArgumentException.class, () -> Parallelism.call(2, () -> { throw iae; })));
        AssertionError err = new AssertionError("boom");
        assertSame(err, assertThrows(AssertionError.class, () -> Parallelism.call(1, () -> { throw err; })));
        // a failure inside a parallel stream on the single pool thread is the stream's own exception too
        IllegalStateException ise = new IllegalStateException("row 17");
        assertSame(ise, assertThrows(IllegalStateException.class, () -> Parallelism.call(1, () -> {
            IntStream.range(0, 1000).parallel().forEach(i -> { if (i == 17) throw ise; });
            return null;
        })));
    }

    @Test
    void theWorkSeesTheCallersContextClassLoader() throws Exception {
        Thread me = Thread.currentThread();
        ClassLoader before = me.getContextClassLoader();
        try (URLClassLoader mine = new URLClassLoader(new URL[0], before)) {
            me.setContextClassLoader(mine);
            Set<ClassLoader> seen = Parallelism.call(2, () -> {
                Set<ClassLoader> s = ConcurrentHashMap.newKeySet();
                IntStream.range(0, 1000).parallel().forEach(i -> s.add(Thread.currentThread().getContextClassLoader()));
                return s;
            });
            assertEquals(Set.of(mine), seen);
        } finally {
            me.setContextClassLoader(before);
        }
        assertEquals("done", Parallelism.call(1, () -> "done"));
    }
}
