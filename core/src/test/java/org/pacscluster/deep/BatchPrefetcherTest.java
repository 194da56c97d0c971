package org.pacscluster.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchPrefetcherTest {
    static boolean prefetchThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(BatchPrefetcher.THREAD_NAME) && t.isAlive());
    }

    @Test
    void itemsComeInOrderMadeOneAheadOnAnotherThread() {
        Set<String> makers = ConcurrentHashMap.newKeySet();
        List<Integer> got = new ArrayList<>();
        try (BatchPrefetcher<Integer> p = new BatchPrefetcher<>(5, i -> {
            makers.add(Thread.currentThread().getName());
            return i * i;
        }, true)) {
            while (p.hasNext()) got.add(p.next());
        }
        assertEquals(List.of(0, 1, 4, 9, 16), got);
        assertEquals(Set.of(BatchPrefetcher.THREAD_NAME), makers);
        assertFalse(prefetchThreadAlive(), "closing stops the thread");
    }

    @Test
    void inLineItemsAreTheSame() {
        List<Integer> got = new ArrayList<>();
        try (BatchPrefetcher<Integer> p = new BatchPrefetcher<>(3, i -> i + 10, false)) {
            while (p.hasNext()) got.add(p.next());
        }
        assertEquals(List.of(10, 11, 12), got);
    }

    @Test
    void aFailureReachesTheCallerForThatItemAndCloseStillStopsTheThread() {
        IllegalStateException boom = new IllegalStateException("disk gone");
        try (BatchPrefetcher<Integer> p = new BatchPrefetcher<>(4, i -> {
            if (i == 2) throw boom;
            return i;
        }, true)) {
            assertEquals(0, p.next());
            assertEquals(1, p.next());
            assertSame(boom, assertThrows(IllegalStateException.class, p::next));
        }
        assertFalse(prefetchThreadAlive());
    }

    @Test
    void stoppingEarlyAndInterruptsEndCleanly() {
        try (BatchPrefetcher<Integer> p = new BatchPrefetcher<>(100, i -> i, true)) {
            assertEquals(0, p.next());
        } // the caller stops after one item (a stopping rule fired)
        assertFalse(prefetchThreadAlive());
        Thread.currentThread().interrupt();
        try (BatchPrefetcher<Integer> p = new BatchPrefetcher<>(3, i -> {
            try { Thread.sleep(200); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            return i;
        }, true)) {
            assertThrows(IllegalStateException.class, p::next);
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller (and cleared here)");
        }
        assertFalse(prefetchThreadAlive());
    }
}
