package org.pacscluster.tsne;

import java.util.Arrays;

/**
 * A point-region quadtree over 2-D positions for the Barnes-Hut approximation of t-SNE's repulsive forces
 * (van der Maaten 2014). Built by recursively partitioning one permutation of the points, so every node owns a
 * contiguous range of it; nodes are flat arrays. Cell bounds halve the bounding box of the data per axis, as
 * scikit-learn's quadtree does, and a cell is summarised by its centre of mass when max-width / distance &lt; θ.
 */
final class QuadTree {
    private static final int MAX_DEPTH = 48;

    private final double[] y;        // n × 2 positions
    private final int[] perm;
    private int nodes;
    // per node, packed for cache locality: centre of mass x, y, squared max width, point count
    private double[] cell = new double[4 * 64];
    private int[] first = new int[64], child = new int[256];   // child: 4 per node, -1 = none
    private boolean[] leaf = new boolean[64];

    QuadTree(double[] y) {
        this.y = y;
        int n = y.length / 2;
        perm = new int[n];
        double minX = Double.POSITIVE_INFINITY, minY = minX, maxX = Double.NEGATIVE_INFINITY, maxY = maxX;
        for (int i = 0; i < n; i++) {
            perm[i] = i;
            minX = Math.min(minX, y[2 * i]); maxX = Math.max(maxX, y[2 * i]);
            minY = Math.min(minY, y[2 * i + 1]); maxY = Math.max(maxY, y[2 * i + 1]);
        }
        // widen a little so that points on the upper bound fall strictly inside
        double padX = Math.max(Math.abs(maxX) * 1e-3, 1e-3 * Math.max(maxX - minX, 1e-12));
        double padY = Math.max(Math.abs(maxY) * 1e-3, 1e-3 * Math.max(maxY - minY, 1e-12));
        build(0, n, minX, minY, maxX + padX, maxY + padY, 0);
    }

    private int build(int lo, int hi, double x0, double y0, double x1, double y1, int depth) {
        int node = newNode();
        double sx = 0, sy = 0;
        for (int p = lo; p < hi; p++) { sx += y[2 * perm[p]]; sy += y[2 * perm[p] + 1]; }
        int cnt = hi - lo;
        double w = Math.max(x1 - x0, y1 - y0);
        cell[4 * node] = sx / cnt;
        cell[4 * node + 1] = sy / cnt;
        cell[4 * node + 2] = w * w;
        cell[4 * node + 3] = cnt;
        first[node] = lo;
        leaf[node] = cnt == 1 || depth >= MAX_DEPTH;
        if (leaf[node]) return node;                           // its points are visited one by one
        double mx = 0.5 * (x0 + x1), my = 0.5 * (y0 + y1);
        int splitY = partition(lo, hi, 1, my);                 // [lo, splitY) below my
        int splitXLow = partition(lo, splitY, 0, mx);
        int splitXHigh = partition(splitY, hi, 0, mx);
        int[] bounds = {lo, splitXLow, splitY, splitXHigh, hi};
        for (int q = 0; q < 4; q++) {
            int a = bounds[q], b = bounds[q + 1];
            int c = -1;
            if (b > a) {
                boolean right = (q & 1) == 1, top = q >= 2;
                c = build(a, b, right ? mx : x0, top ? my : y0, right ? x1 : mx, top ? y1 : my, depth + 1);
            }
            child[4 * node + q] = c;
        }
        return node;
    }

    /** Moves the points of [lo, hi) with coordinate {@code axis} &lt; split to the front; returns the boundary. */
    private int partition(int lo, int hi, int axis, double split) {
        int i = lo, j = hi - 1;
        while (i <= j) {
            if (y[2 * perm[i] + axis] < split) i++;
            else { int t = perm[i]; perm[i] = perm[j]; perm[j] = t; j--; }
        }
        return i;
    }

    /** The points in tree order: consecutive points are close in the plane, so visiting them in this order
     *  keeps the cells they traverse in cache. */
    int pointInTreeOrder(int p) { return perm[p]; }

    private int newNode() {
        if (nodes == first.length) {
            int cap = nodes * 2;
            cell = Arrays.copyOf(cell, 4 * cap);
            first = Arrays.copyOf(first, cap);
            leaf = Arrays.copyOf(leaf, cap);
            child = Arrays.copyOf(child, 4 * cap);
        }
        int c = 4 * nodes;
        child[c] = child[c + 1] = child[c + 2] = child[c + 3] = -1;
        return nodes++;
    }

    /**
     * The unnormalised repulsion on point i: adds Σ_j q_ij² Z² (y_i − y_j) to {@code force[2i..2i+1]} and returns
     * Σ_j q_ij Z (its share of the normaliser Z), where q_ij Z = 1 / (1 + |y_i − y_j|²), j ≠ i, with far cells
     * summarised. {@code stack} is per-thread scratch of at least {@link #stackSize()}.
     */
    double repulsion(int i, double thetaSq, double[] force, int[] stack) {
        double xi = y[2 * i], yi = y[2 * i + 1];
        double fx = 0, fy = 0, sumQ = 0;
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            int node = stack[--top];
            int o = 4 * node;
            if (leaf[node]) {
                for (int p = first[node], end = p + (int) cell[o + 3]; p < end; p++) {
                    int j = perm[p];
                    if (j == i) continue;
                    double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
                    double q = 1 / (1 + dx * dx + dy * dy);
                    sumQ += q;
                    fx += q * q * dx;
                    fy += q * q * dy;
                }
                continue;
            }
            double dx = xi - cell[o], dy = yi - cell[o + 1];
            double d2 = dx * dx + dy * dy;
            if (cell[o + 2] < thetaSq * d2) {
                double cnt = cell[o + 3], q = 1 / (1 + d2), m = cnt * q * q;
                sumQ += cnt * q;
                fx += m * dx;
                fy += m * dy;
            } else {
                int c = 4 * node;
                for (int k = 3; k >= 0; k--) if (child[c + k] >= 0) stack[top++] = child[c + k];
            }
        }
        force[2 * i] += fx;
        force[2 * i + 1] += fy;
        return sumQ;
    }

    static int stackSize() { return 3 * MAX_DEPTH + 8; }
}
