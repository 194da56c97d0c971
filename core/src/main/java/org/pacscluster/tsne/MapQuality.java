package org.pacscluster.tsne;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/** How faithful a low-dimensional map is to its input: trustworthiness and the label accuracy of neighbours. */
public final class MapQuality {
    private MapQuality() {}

    /**
     * Trustworthiness T(k) in [0, 1] with scikit-learn's definition ({@code sklearn.manifold.trustworthiness},
     * Euclidean): 1 − 2 / (n k (2n − 3k − 1)) · Σ_i Σ_{j ∈ N_k(i) in the map} max(0, r(i, j) − k), where r(i, j) is
     * the rank of j among the neighbours of i in the input (1 = nearest). Exact, O(n² d); needs k &lt; n / 2.
     */
    public static double trustworthiness(double[][] input, double[][] map, int k) {
        int n = input.length;
        if (map.length != n) throw new IllegalArgumentException("input has " + n + " rows, map has " + map.length);
        if (k < 1 || k >= n / 2.0) throw new IllegalArgumentException("k must be in [1, n/2), got " + k + " for n = " + n);
        long[] penalty = new long[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            int[] near = nearest(map, i, k);
            double[] dist = new double[n];
            for (int m = 0; m < n; m++) dist[m] = m == i ? Double.POSITIVE_INFINITY : squared(input[i], input[m]);
            long sum = 0;
            for (int j : near) {
                double dj = dist[j];
                int rank = 1;
                for (int m = 0; m < n; m++) {
                    if (m != j && (dist[m] < dj || (dist[m] == dj && m < j))) rank++;
                }
                if (rank > k) sum += rank - k;
            }
            penalty[i] = sum;
        });
        long total = 0;
        for (long v : penalty) total += v;
        return 1 - total * (2.0 / ((double) n * k * (2.0 * n - 3.0 * k - 1.0)));
    }

    /**
     * Leave-one-out accuracy of a k-nearest-neighbour majority vote in the map (ties go to the nearest neighbour's
     * label): how well the map keeps the classes apart.
     */
    public static double knnAccuracy(double[][] map, String[] labels, int k) {
        int n = map.length;
        if (labels.length != n) throw new IllegalArgumentException("map has " + n + " rows, labels " + labels.length);
        if (k < 1 || k >= n) throw new IllegalArgumentException("k must be in [1, n), got " + k);
        long correct = IntStream.range(0, n).parallel().filter(i -> {
            int[] near = nearest(map, i, k);
            Map<String, Integer> votes = new HashMap<>();
            for (int j : near) votes.merge(labels[j], 1, Integer::sum);
            String best = labels[near[0]];
            for (int j : near) if (votes.get(labels[j]) > votes.get(best)) best = labels[j];
            return best.equals(labels[i]);
        }).count();
        return correct / (double) n;
    }

    /** The k nearest other rows of row i (brute force, nearest first). */
    private static int[] nearest(double[][] x, int i, int k) {
        int n = x.length;
        int[] idx = new int[k];
        double[] dist = new double[k];
        int size = 0;
        for (int m = 0; m < n; m++) {
            if (m == i) continue;
            double d = squared(x[i], x[m]);
            if (size == k && d >= dist[k - 1]) continue;
            int pos = size < k ? size++ : k - 1;
            while (pos > 0 && dist[pos - 1] > d) { dist[pos] = dist[pos - 1]; idx[pos] = idx[pos - 1]; pos--; }
            dist[pos] = d;
            idx[pos] = m;
        }
        return idx;
    }

    private static double squared(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) { double t = a[j] - b[j]; s += t * t; }
        return s;
    }
}
