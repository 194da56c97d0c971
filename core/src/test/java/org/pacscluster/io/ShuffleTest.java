package org.pacscluster.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Pins both orders of {@link Shuffle} to the loops they replaced, written out here the naive way, for both kinds
 * of generator the callers use: the same seed must give the same permutation, call for call.
 */
class ShuffleTest {
    private static final int[] SIZES = {0, 1, 2, 3, 5, 17, 100, 1000};

    /** The back-to-front loop (dataset split, batch order, validation draw, drawing order, bench sample). */
    private static int[] naiveShuffle(int[] values, RandomGenerator rng) {
        int[] a = values.clone();
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
        return a;
    }

    /** The front-to-back partial loop (experiment subset, montage, silhouette sample); the whole array after. */
    private static int[] naiveDraw(int[] values, int m, RandomGenerator rng) {
        int[] a = values.clone();
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(a.length - i);
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
        return a;
    }

    private static int[] values(int n) { return IntStream.range(0, n).map(i -> 1000 + 7 * i).toArray(); }

    @Test
    void shuffleFromTheBackMatchesTheNaiveLoop() {
        for (int n : SIZES) {
            for (long seed : new long[] {0, 1, 42, -7, 20240607L}) {
                int[] a = values(n);
                Shuffle.shuffle(a, new Random(seed));
                assertArrayEquals(naiveShuffle(values(n), new Random(seed)), a, "Random n=" + n + " seed=" + seed);
                int[] b = values(n);
                Shuffle.shuffle(b, new SplittableRandom(seed));
                assertArrayEquals(naiveShuffle(values(n), new SplittableRandom(seed)), b, "Splittable n=" + n + " seed=" + seed);
                assertArrayEquals(naiveShuffle(IntStream.range(0, n).toArray(), new Random(seed)),
                        Shuffle.permutation(n, new Random(seed)), "permutation n=" + n);

                Integer[] boxed = Arrays.stream(values(n)).boxed().toArray(Integer[]::new);
                Shuffle.shuffle(boxed, new Random(seed));
                assertArrayEquals(a, Arrays.stream(boxed).mapToInt(Integer::intValue).toArray(), "T[] n=" + n);

                List<Integer> list = new ArrayList<>(Arrays.stream(values(n)).boxed().toList());
                Shuffle.shuffle(list, new Random(seed));
                assertArrayEquals(a, list.stream().mapToInt(Integer::intValue).toArray(), "List n=" + n);
                List<Integer> jdk = new ArrayList<>(Arrays.stream(values(n)).boxed().toList());
                Collections.shuffle(jdk, new Random(seed));
                assertEquals(jdk, list, "Collections.shuffle n=" + n);
            }
        }
    }

    @Test
    void shuffleLeavesTheGeneratorWhereTheLoopDid() {
        // callers that shuffle again with the same generator (one per epoch) must see the same later draws
        Random mine = new Random(3), naive = new Random(3);
        for (int epoch = 0; epoch < 4; epoch++) {
            int[] p = IntStream.range(0, 50).toArray();
            Shuffle.shuffle(p, mine);
            assertArrayEquals(naiveShuffle(IntStream.range(0, 50).toArray(), naive), p, "epoch " + epoch);
        }
        assertEquals(naive.nextLong(), mine.nextLong());
    }

    @Test
    void drawFromTheFrontMatchesTheNaiveLoop() {
        for (int n : SIZES) {
            for (int m : new int[] {0, 1, n / 3, n - 1, n}) {
                if (m < 0 || m > n) continue;
                for (long seed : new long[] {0, 1, 42, -7}) {
                    int[] a = values(n);
                    Shuffle.draw(a, m, new Random(seed));
                    int[] expected = naiveDraw(values(n), m, new Random(seed));
                    assertArrayEquals(expected, a, "Random n=" + n + " m=" + m + " seed=" + seed);

                    assertArrayEquals(Arrays.copyOf(expected, m), Shuffle.sample(values(n), m, new Random(seed)));
                    int[] sorted = Arrays.copyOf(naiveDraw(values(n), m, new SplittableRandom(seed)), m);
                    Arrays.sort(sorted);
                    assertArrayEquals(sorted, Shuffle.sampleAscending(values(n), m, new SplittableRandom(seed)),
                            "Splittable ascending n=" + n + " m=" + m + " seed=" + seed);
                }
            }
        }
    }

    @Test
    void drawOverARangeIsTheVantagePointPick() {
        // VpTree: swap(lo, lo + rng.nextInt(hi - lo)) for each node, one generator for the whole build
        Random mine = new Random(9), naive = new Random(9);
        int[] a = IntStream.range(0, 40).toArray(), b = a.clone();
        int[][] ranges = {{0, 40}, {1, 20}, {20, 40}, {2, 11}, {11, 20}, {21, 22}};
        for (int[] r : ranges) {
            Shuffle.draw(r[0], r[1], 1, mine, (i, j) -> { int t = a[i]; a[i] = a[j]; a[j] = t; });
            int j = r[0] + naive.nextInt(r[1] - r[0]);
            int t = b[r[0]]; b[r[0]] = b[j]; b[j] = t;
        }
        assertArrayEquals(b, a);
        // a range draw of m positions is the array draw shifted
        int[] c = values(30), d = Arrays.copyOfRange(values(30), 5, 25);
        Shuffle.draw(5, 25, 8, new Random(4), (i, j) -> { int t = c[i]; c[i] = c[j]; c[j] = t; });
        assertArrayEquals(naiveDraw(d, 8, new Random(4)), Arrays.copyOfRange(c, 5, 25));
    }

    @Test
    void fixedSeedsGiveTheseExactPermutations() {
        // java.util.Random's sequence is specified, so these hold on every JVM
        assertArrayEquals(new int[] {4, 6, 2, 1, 7, 9, 8, 5, 3, 0}, Shuffle.permutation(10, new Random(42)));
        assertArrayEquals(new int[] {6, 3, 7, 5}, Shuffle.sample(IntStream.range(0, 10).toArray(), 4, new Random(7)));
        assertArrayEquals(new int[] {3, 5, 6, 7}, Shuffle.sampleAscending(IntStream.range(0, 10).toArray(), 4, new Random(7)));
    }

    @Test
    void drawingMoreThanThereIsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Shuffle.draw(new int[3], 4, new Random(1)));
        assertThrows(IllegalArgumentException.class, () -> Shuffle.sample(new int[3], -1, new Random(1)));
        assertThrows(IllegalArgumentException.class, () -> Shuffle.draw(5, 3, 0, new Random(1), (i, j) -> {}));
    }
}
