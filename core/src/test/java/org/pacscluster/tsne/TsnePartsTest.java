package org.pacscluster.tsne;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pieces of t-SNE, each against a brute-force or textbook computation of the same thing. */
class TsnePartsTest {
    private static double[] randomPoints(int n, int d, long seed, boolean clustered) {
        Random r = new Random(seed);
        double[] p = new double[n * d];
        for (int i = 0; i < n; i++) {
            int cluster = clustered ? r.nextInt(5) : 0;
            for (int j = 0; j < d; j++) p[i * d + j] = cluster * 3 + r.nextGaussian();
        }
        return p;
    }

    @Test
    void vpTreeFindsExactlyTheBruteForceNeighbours() {
        int n = 700, d = 12, k = 25;
        double[] p = randomPoints(n, d, 1, true);
        VpTree.Neighbours nn = VpTree.nearest(p, d, k, 3);
        for (int i = 0; i < n; i++) {
            double[] all = new double[n - 1];
            int t = 0;
            for (int m = 0; m < n; m++) {
                if (m == i) continue;
                double s = 0;
                for (int j = 0; j < d; j++) { double v = p[i * d + j] - p[m * d + j]; s += v * v; }
                all[t++] = s;
            }
            Arrays.sort(all);
            for (int s = 0; s < k; s++) {
                assertEquals(all[s], nn.squaredDistance()[i * k + s], 1e-9, "point " + i + " neighbour " + s);
                assertTrue(nn.index()[i * k + s] != i, "a point is not its own neighbour");
            }
        }
    }

    @Test
    void affinitiesHaveThePerplexityAskedForAndSumToOne() {
        int n = 400, d = 5, k = 31;
        double[] p = randomPoints(n, d, 2, true);
        VpTree.Neighbours nn = VpTree.nearest(p, d, k, 0);
        Affinities a = Affinities.compute(nn, n, 10);
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int t = a.rowStart[i]; t < a.rowStart[i + 1]; t++) {
                total += a.value[t];
                // symmetric: (j, i) has the same value
                int j = a.column[t];
                int at = Arrays.binarySearch(a.column, a.rowStart[j], a.rowStart[j + 1], i);
                assertTrue(at >= 0, "P is not symmetric at " + i + "," + j);
                assertEquals(a.value[t], a.value[at], 1e-15);
            }
        }
        assertEquals(1.0, total, 1e-9);
        // recompute one conditional row by hand: its entropy must be log(perplexity)
        double beta = findBeta(nn.squaredDistance(), 0, k, Math.log(10));
        double sum = 0, h = 0;
        for (int s = 0; s < k; s++) sum += Math.exp(-beta * nn.squaredDistance()[s]);
        for (int s = 0; s < k; s++) {
            double q = Math.exp(-beta * nn.squaredDistance()[s]) / sum;
            if (q > 0) h -= q * Math.log(q);
        }
        assertEquals(Math.log(10), h, 1e-4);
    }

    /** Bisection on beta in log space: an independent way to reach the target entropy. */
    private static double findBeta(double[] d2, int off, int k, double target) {
        double lo = -30, hi = 30;
        for (int it = 0; it < 200; it++) {
            double mid = 0.5 * (lo + hi), beta = Math.exp(mid), sum = 0, h = 0;
            for (int s = 0; s < k; s++) sum += Math.exp(-beta * d2[off + s]);
            for (int s = 0; s < k; s++) {
                double q = Math.exp(-beta * d2[off + s]) / sum;
                if (q > 0) h -= q * Math.log(q);
            }
            if (h > target) lo = mid; else hi = mid;
        }
        return Math.exp(0.5 * (lo + hi));
    }

    @Test
    void quadTreeWithThetaZeroIsTheExactRepulsionAndThetaHalfIsClose() {
        int n = 1500;
        double[] y = randomPoints(n, 2, 4, true);
        y[2 * 7] = y[2 * 8]; y[2 * 7 + 1] = y[2 * 8 + 1];   // a duplicate point
        QuadTree tree = new QuadTree(y);
        int[] stack = new int[QuadTree.stackSize()];
        double[] exact = new double[2 * n], approx = new double[2 * n], bh = new double[2 * n];
        double maxRel = 0, zExact = 0, zBh = 0;
        for (int i = 0; i < n; i++) {
            double z = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) continue;
                double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                double q = 1 / (1 + dx * dx + dy * dy);
                z += q;
                exact[2 * i] += q * q * dx;
                exact[2 * i + 1] += q * q * dy;
            }
            assertEquals(z, tree.repulsion(i, 0, approx, stack), 1e-9 * z);
            double zb = tree.repulsion(i, 0.25, bh, stack);     // theta 0.5
            maxRel = Math.max(maxRel, Math.abs(zb - z) / z);
            zExact += z;
            zBh += zb;
        }
        assertArrayEquals(exact, approx, 1e-9);
        double err = 0, norm = 0;
        for (int c = 0; c < 2 * n; c++) { err += (bh[c] - exact[c]) * (bh[c] - exact[c]); norm += exact[c] * exact[c]; }
        assertTrue(maxRel < 0.05, "Barnes-Hut normaliser of one point off by " + maxRel);
        assertTrue(Math.abs(zBh - zExact) / zExact < 0.01, "Barnes-Hut Z off by " + Math.abs(zBh - zExact) / zExact);
        System.out.printf("Barnes-Hut theta 0.5: Z rel. error %.2e, max per point %.2e, force rel. error %.2e%n",
                Math.abs(zBh - zExact) / zExact, maxRel, Math.sqrt(err / norm));
        assertTrue(Math.sqrt(err / norm) < 0.02, "Barnes-Hut forces off by " + Math.sqrt(err / norm));
    }

    @Test
    void principalScoresMatchTheCovarianceEigenvectors() {
        // data with a clear spectrum: 8 strong directions, then noise
        int n = 500, d = 40;
        Random r = new Random(5);
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) x[i][j] = r.nextGaussian() * (j < 8 ? 10 - j : 0.3) + 2;
        double[][] scores = Tsne.principalScores(x, 5, 11);
        // independent truth: leading eigenvectors of the covariance matrix by power iteration with deflation
        double[] mean = new double[d];
        for (double[] row : x) for (int j = 0; j < d; j++) mean[j] += row[j] / n;
        double[][] cov = new double[d][d];
        for (double[] row : x) for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) cov[a][b] += (row[a] - mean[a]) * (row[b] - mean[b]);
        for (int c = 0; c < 5; c++) {
            double[] v = new double[d];
            java.util.Arrays.fill(v, 1);
            double lambda = 0;
            for (int it = 0; it < 3000; it++) {
                double[] w = new double[d];
                for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) w[a] += cov[a][b] * v[b];
                double norm = 0;
                for (double t : w) norm += t * t;
                norm = Math.sqrt(norm);
                for (int a = 0; a < d; a++) v[a] = w[a] / norm;
                lambda = norm;
            }
            for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) cov[a][b] -= lambda * v[a] * v[b];
            double dot = 0, norm = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) s += (x[i][j] - mean[j]) * v[j];
                dot += s * scores[i][c];
                norm += s * s;
            }
            // same scores up to sign
            assertEquals(1.0, Math.abs(dot) / norm, 1e-6, "component " + c);
        }
    }

    @Test
    void trustworthinessOfThePerfectMapIsOneAndOfAShuffledMapIsLow() {
        int n = 300;
        double[] p = randomPoints(n, 2, 9, false);
        double[][] x = new double[n][], shuffled = new double[n][];
        for (int i = 0; i < n; i++) x[i] = new double[]{p[2 * i], p[2 * i + 1]};
        for (int i = 0; i < n; i++) shuffled[i] = x[(i * 7 + 3) % n];
        assertEquals(1.0, MapQuality.trustworthiness(x, x, 5), 1e-12);
        assertTrue(MapQuality.trustworthiness(x, shuffled, 5) < 0.7);
    }

    @Test
    void badInputIsRefusedWithAMessage() {
        assertThrows(IllegalArgumentException.class, () -> Tsne.embed(new double[3][2], 0));
        double[][] nan = new double[10][2];
        nan[4][1] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tsne.embed(nan, 0));
        assertTrue(e.getMessage().contains("NaN"));
        assertThrows(IllegalArgumentException.class, () -> TsneConfig.builder().optPerplexity(0).build());
    }

    @Test
    void separatedBlobsStaySeparated() {
        int n = 600, d = 80;
        Random r = new Random(12);
        double[][] x = new double[n][d];
        String[] lab = new String[n];
        for (int i = 0; i < n; i++) {
            int c = i % 4;
            lab[i] = "c" + c;
            for (int j = 0; j < d; j++) x[i][j] = r.nextGaussian() + (j % 4 == c ? 6 : 0);
        }
        TsneResult res = Tsne.embed(x, TsneConfig.builder().optIterations(500).build());
        assertEquals(50, res.inputDimensions());
        assertEquals(1.0, MapQuality.knnAccuracy(res.xy(), lab, 5), 1e-12);
        assertTrue(Double.isFinite(res.klDivergence()) && res.klDivergence() > 0);
    }
}
