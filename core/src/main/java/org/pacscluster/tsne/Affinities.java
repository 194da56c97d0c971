package org.pacscluster.tsne;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The sparse joint input affinities P of t-SNE, computed as scikit-learn does for Barnes-Hut: Gaussian conditional
 * probabilities over each point's k nearest neighbours, with the bandwidth found by binary search so that their
 * entropy is log(perplexity), then P = (P + Pᵀ) / sum. Stored as compressed rows (CSR), symmetric.
 */
final class Affinities {
    private static final double ENTROPY_TOLERANCE = 1e-5;
    private static final int SEARCH_STEPS = 100;
    private static final double MIN_SUM = 1e-8;

    final int[] rowStart;   // n + 1
    final int[] column;
    final double[] value;

    private Affinities(int[] rowStart, int[] column, double[] value) {
        this.rowStart = rowStart;
        this.column = column;
        this.value = value;
    }

    int size() { return rowStart.length - 1; }

    static Affinities compute(VpTree.Neighbours nn, int n, double perplexity) {
        int k = nn.k();
        double[] conditional = new double[n * k];
        double desiredEntropy = Math.log(perplexity);
        IntStream.range(0, n).parallel().forEach(i -> conditionalRow(nn.squaredDistance(), i * k, k,
                desiredEntropy, conditional));
        return symmetrise(nn.index(), conditional, n, k);
    }

    /** One row of p_{j|i}: binary search on beta = 1 / (2σ²), exactly scikit-learn's _binary_search_perplexity. */
    private static void conditionalRow(double[] sqDist, int off, int k, double desiredEntropy, double[] out) {
        double beta = 1, betaMin = Double.NEGATIVE_INFINITY, betaMax = Double.POSITIVE_INFINITY;
        for (int step = 0; step < SEARCH_STEPS; step++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double p = Math.exp(-sqDist[off + j] * beta);
                out[off + j] = p;
                sum += p;
            }
            if (sum == 0) sum = MIN_SUM;
            double weightedDist = 0;
            for (int j = 0; j < k; j++) {
                out[off + j] /= sum;
                weightedDist += sqDist[off + j] * out[off + j];
            }
            double entropy = Math.log(sum) + beta * weightedDist;
            double diff = entropy - desiredEntropy;
            if (Math.abs(diff) <= ENTROPY_TOLERANCE) return;
            if (diff > 0) {
                betaMin = beta;
                beta = betaMax == Double.POSITIVE_INFINITY ? beta * 2 : (beta + betaMax) / 2;
            } else {
                betaMax = beta;
                beta = betaMin == Double.NEGATIVE_INFINITY ? beta / 2 : (beta + betaMin) / 2;
            }
        }
    }

    /** P + Pᵀ normalised to sum 1, duplicates merged, each row sorted by column (deterministic). */
    private static Affinities symmetrise(int[] nbr, double[] cond, int n, int k) {
        int[] count = new int[n + 1];
        for (int i = 0; i < n; i++) {
            count[i] += k;
            for (int s = 0; s < k; s++) count[nbr[i * k + s]]++;
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) start[i + 1] = start[i] + count[i];
        int[] fill = Arrays.copyOf(start, n);
        int[] col = new int[start[n]];
        double[] val = new double[start[n]];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < k; s++) {
                int j = nbr[i * k + s];
                double p = cond[i * k + s];
                col[fill[i]] = j; val[fill[i]++] = p;
                col[fill[j]] = i; val[fill[j]++] = p;
            }
        }
        // sort each row by column and merge the (i, j) + (j, i) pairs
        int[] outStart = new int[n + 1];
        int[][] rowsCol = new int[n][];
        double[][] rowsVal = new double[n][];
        IntStream.range(0, n).parallel().forEach(i -> {
            int a = start[i], b = start[i + 1];
            long[] keyed = new long[b - a];
            for (int t = a; t < b; t++) keyed[t - a] = ((long) col[t] << 32) | (t - a);
            Arrays.sort(keyed);
            int[] rc = new int[b - a];
            double[] rv = new double[b - a];
            int m = 0;
            for (long key : keyed) {
                int c = (int) (key >>> 32);
                double v = val[a + (int) (key & 0xffffffffL)];
                if (m > 0 && rc[m - 1] == c) rv[m - 1] += v;
                else { rc[m] = c; rv[m++] = v; }
            }
            rowsCol[i] = Arrays.copyOf(rc, m);
            rowsVal[i] = Arrays.copyOf(rv, m);
        });
        for (int i = 0; i < n; i++) outStart[i + 1] = outStart[i] + rowsCol[i].length;
        int[] outCol = new int[outStart[n]];
        double[] outVal = new double[outStart[n]];
        double total = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(rowsCol[i], 0, outCol, outStart[i], rowsCol[i].length);
            System.arraycopy(rowsVal[i], 0, outVal, outStart[i], rowsVal[i].length);
            for (double v : rowsVal[i]) total += v;
        }
        total = Math.max(total, Math.ulp(1.0));
        for (int t = 0; t < outVal.length; t++) outVal[t] /= total;
        return new Affinities(outStart, outCol, outVal);
    }
}
