package org.pacscluster.io;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The project's one Fisher–Yates shuffle, in the two orders its callers draw in. Each method takes the generator
 * ({@link java.util.Random} and {@link java.util.SplittableRandom} are both {@link RandomGenerator}s) and makes
 * exactly the calls below, in this order, so a seeded generator gives the same permutation as it always did:
 * <ul>
 *   <li>{@code shuffle} — the whole array from the back: for i = n−1 down to 1, swap(i, nextInt(i + 1)); n−1 draws.
 *       The order {@link java.util.Collections#shuffle(List, java.util.Random)} uses. Dataset split, training
 *       batch order, validation draw, scatter-plot drawing order, the bench's MedNIST sample.</li>
 *   <li>{@code draw} — a prefix from the front: for i = 0 up to m−1, swap(i, i + nextInt(n − i)); m draws (also
 *       when m = n: the last is nextInt(1)). The first m entries are then a uniform sample without replacement,
 *       in the order drawn. Experiment subsets, montage samples, the silhouette sample, t-SNE's vantage points.</li>
 * </ul>
 * The two give different permutations from the same generator, so each caller keeps the order it was written
 * with: seeded splits, subsets and samples, and everything computed from them, do not change.
 */
public final class Shuffle {
    private Shuffle() {}

    /** Exchanges two positions of whatever is being shuffled. */
    @FunctionalInterface
    public interface Swap {
        void swap(int i, int j);
    }

    /** Fisher–Yates from the back over positions 0..n−1: for i = n−1 down to 1, {@code swap(i, nextInt(i + 1))}. */
    public static void shuffle(int n, RandomGenerator rng, Swap swap) {
        for (int i = n - 1; i > 0; i--) swap.swap(i, rng.nextInt(i + 1));
    }

    /** {@code a} shuffled in place ({@link #shuffle(int, RandomGenerator, Swap)}). */
    public static void shuffle(int[] a, RandomGenerator rng) {
        shuffle(a.length, rng, (i, j) -> { int t = a[i]; a[i] = a[j]; a[j] = t; });
    }

    /** {@code a} shuffled in place ({@link #shuffle(int, RandomGenerator, Swap)}). */
    public static <T> void shuffle(T[] a, RandomGenerator rng) {
        shuffle(a.length, rng, (i, j) -> { T t = a[i]; a[i] = a[j]; a[j] = t; });
    }

    /** {@code list} shuffled in place, as {@link java.util.Collections#shuffle(List, java.util.Random)} does. */
    public static <T> void shuffle(List<T> list, RandomGenerator rng) {
        shuffle(list.size(), rng, (i, j) -> list.set(i, list.set(j, list.get(i))));
    }

    /** 0, 1, …, n−1 shuffled. */
    public static int[] permutation(int n, RandomGenerator rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        shuffle(p, rng);
        return p;
    }

    /**
     * Partial Fisher–Yates from the front over positions from..to−1: for i = from up to from+m−1,
     * {@code swap(i, i + nextInt(to − i))}. Afterwards positions from..from+m−1 hold a uniform sample of the range.
     */
    public static void draw(int from, int to, int m, RandomGenerator rng, Swap swap) {
        if (from < 0 || from > to || m < 0 || m > to - from) {
            throw new IllegalArgumentException("cannot draw " + m + " of positions [" + from + ", " + to + ")");
        }
        for (int i = from; i < from + m; i++) swap.swap(i, i + rng.nextInt(to - i));
    }

    /** The first {@code m} entries of {@code a} drawn in place ({@link #draw(int, int, int, RandomGenerator, Swap)}). */
    public static void draw(int[] a, int m, RandomGenerator rng) {
        draw(0, a.length, m, rng, (i, j) -> { int t = a[i]; a[i] = a[j]; a[j] = t; });
    }

    /** {@code m} distinct entries of {@code values} (left unchanged), in the order drawn. */
    public static int[] sample(int[] values, int m, RandomGenerator rng) {
        int[] a = values.clone();
        draw(a, m, rng);
        return Arrays.copyOf(a, m);
    }

    /** {@code m} distinct entries of {@code values} (left unchanged), ascending. */
    public static int[] sampleAscending(int[] values, int m, RandomGenerator rng) {
        int[] s = sample(values, m, rng);
        Arrays.sort(s);
        return s;
    }
}
