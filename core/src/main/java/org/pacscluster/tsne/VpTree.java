package org.pacscluster.tsne;

import java.util.Random;
import java.util.stream.IntStream;
import org.pacscluster.io.Shuffle;

/**
 * Exact k-nearest-neighbour search (Euclidean) with a vantage-point tree (Yianilos 1993), as bhtsne uses for the
 * sparse input affinities. The tree is implicit in one permutation of the points: the node spanning positions
 * [lo, hi) has its vantage point at lo, the points closer than {@code radius[lo]} in (lo, mid) and the others in
 * [mid, hi).
 */
final class VpTree {
    private final double[] points;   // n × d row-major
    private final int d;
    private final int[] order;
    private final double[] radius;

    private VpTree(double[] points, int d, long seed) {
        this.points = points;
        this.d = d;
        int n = points.length / d;
        this.order = IntStream.range(0, n).toArray();
        this.radius = new double[n];
        build(0, n, new Random(seed), new double[n]);
    }

    /** The neighbours of every point, excluding itself. */
    record Neighbours(int k, int[] index, double[] squaredDistance) {}

    /**
     * For each of the n points (n × d row-major), its k nearest other points, nearest first: indices and squared
     * Euclidean distances, both n × k row-major.
     */
    static Neighbours nearest(double[] points, int d, int k, long seed) {
        int n = points.length / d;
        if (k < 1 || k >= n) throw new IllegalArgumentException("k must be in [1, " + (n - 1) + "], got " + k);
        VpTree tree = new VpTree(points, d, seed);
        int[] index = new int[n * k];
        double[] dist = new double[n * k];
        IntStream.range(0, n).parallel().forEach(i -> tree.query(i, k, index, dist));
        return new Neighbours(k, index, dist);
    }

    private double distance(int a, int b) {
        double s = 0;
        int oa = a * d, ob = b * d;
        for (int j = 0; j < d; j++) { double t = points[oa + j] - points[ob + j]; s += t * t; }
        return Math.sqrt(s);
    }

    private void build(int lo, int hi, Random rng, double[] scratch) {
        if (hi - lo <= 1) return;
        Shuffle.draw(lo, hi, 1, rng, this::swap);     // the vantage point: a uniform pick of [lo, hi), moved to lo
        int vp = order[lo];
        for (int p = lo + 1; p < hi; p++) scratch[p] = distance(vp, order[p]);
        int mid = (lo + 1 + hi) >>> 1;
        select(lo + 1, hi - 1, mid, scratch);
        radius[lo] = scratch[mid];
        build(lo + 1, mid, rng, scratch);
        build(mid, hi, rng, scratch);
    }

    /** Quickselect on positions [left, right]: afterwards scratch[k] is the k-th smallest, smaller ones before. */
    private void select(int left, int right, int k, double[] scratch) {
        while (right > left) {
            int pivotPos = (left + right) >>> 1;
            double pivot = scratch[pivotPos];
            swapBoth(pivotPos, right, scratch);
            int store = left;
            for (int p = left; p < right; p++) {
                if (scratch[p] < pivot) swapBoth(p, store++, scratch);
            }
            swapBoth(store, right, scratch);
            if (store == k) return;
            if (store < k) left = store + 1; else right = store - 1;
        }
    }

    private void swapBoth(int a, int b, double[] scratch) {
        double t = scratch[a]; scratch[a] = scratch[b]; scratch[b] = t;
        swap(a, b);
    }

    private void swap(int a, int b) { int t = order[a]; order[a] = order[b]; order[b] = t; }

    /** Fills row i of index/dist with the k nearest neighbours of point i. */
    private void query(int i, int k, int[] index, double[] dist) {
        // bounded max-heap of (distance, index); heapDist[0] is the current k-th best
        double[] heapDist = new double[k];
        int[] heapIdx = new int[k];
        int[] size = {0};
        double[] tau = {Double.POSITIVE_INFINITY};
        search(0, order.length, i, k, heapDist, heapIdx, size, tau);
        // pop the heap: largest first, so fill from the back
        for (int s = size[0] - 1; s >= 0; s--) {
            index[i * k + s] = heapIdx[0];
            double r = heapDist[0];
            dist[i * k + s] = r * r;
            heapDist[0] = heapDist[s];
            heapIdx[0] = heapIdx[s];
            siftDown(heapDist, heapIdx, s);
        }
    }

    private void search(int lo, int hi, int target, int k, double[] heapDist, int[] heapIdx, int[] size,
                        double[] tau) {
        if (lo >= hi) return;
        int vp = order[lo];
        double dv = distance(target, vp);
        if (vp != target && dv < tau[0]) {
            if (size[0] < k) {
                int s = size[0]++;
                heapDist[s] = dv; heapIdx[s] = vp;
                siftUp(heapDist, heapIdx, s);
            } else {
                heapDist[0] = dv; heapIdx[0] = vp;
                siftDown(heapDist, heapIdx, k);
            }
            if (size[0] == k) tau[0] = heapDist[0];
        }
        if (hi - lo == 1) return;
        int mid = (lo + 1 + hi) >>> 1;
        double r = radius[lo];
        if (dv < r) {
            if (dv - tau[0] < r) search(lo + 1, mid, target, k, heapDist, heapIdx, size, tau);
            if (dv + tau[0] >= r) search(mid, hi, target, k, heapDist, heapIdx, size, tau);
        } else {
            if (dv + tau[0] >= r) search(mid, hi, target, k, heapDist, heapIdx, size, tau);
            if (dv - tau[0] < r) search(lo + 1, mid, target, k, heapDist, heapIdx, size, tau);
        }
    }

    private static void siftUp(double[] hd, int[] hi, int s) {
        while (s > 0) {
            int parent = (s - 1) >>> 1;
            if (hd[parent] >= hd[s]) break;
            swapHeap(hd, hi, parent, s);
            s = parent;
        }
    }

    private static void siftDown(double[] hd, int[] hi, int size) {
        int s = 0;
        while (true) {
            int l = 2 * s + 1, r = l + 1, big = s;
            if (l < size && hd[l] > hd[big]) big = l;
            if (r < size && hd[r] > hd[big]) big = r;
            if (big == s) return;
            swapHeap(hd, hi, s, big);
            s = big;
        }
    }

    private static void swapHeap(double[] hd, int[] hi, int a, int b) {
        double t = hd[a]; hd[a] = hd[b]; hd[b] = t;
        int u = hi[a]; hi[a] = hi[b]; hi[b] = u;
    }
}
