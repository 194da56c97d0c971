package org.pacscluster.metrics;

import java.math.BigInteger;

/**
 * Scores that compare a clustering with true labels, computed as scikit-learn 1.2 computes them (same formulas and
 * the same edge cases: one class and one cluster, n = k, empty input). Entropies are in nats; all scores are
 * invariant to how labels are numbered.
 */
public final class LabelMetrics {
    private LabelMetrics() {}

    /** How NMI and AMI normalise the mutual information by the two entropies. */
    public enum Average { ARITHMETIC, GEOMETRIC, MIN, MAX;
        double of(double u, double v) {
            return switch (this) {
                case ARITHMETIC -> (u + v) / 2;
                case GEOMETRIC -> Math.sqrt(u * v);
                case MIN -> Math.min(u, v);
                case MAX -> Math.max(u, v);
            };
        }
    }

    /** Normalised mutual information with the arithmetic mean (scikit-learn's default). */
    public static double nmi(int[] truth, int[] pred) { return nmi(truth, pred, Average.ARITHMETIC); }

    public static double nmi(int[] truth, int[] pred, Average average) {
        Contingency c = Contingency.of(truth, pred);
        if (c.classes() == c.clusters() && c.classes() <= 1) return 1.0;
        double mi = c.mutualInformation();
        if (mi == 0) return 0.0;
        return mi / average.of(Contingency.entropy(c.rowSums), Contingency.entropy(c.colSums));
    }

    /** Homogeneity: each cluster holds members of a single class (1 = perfectly). */
    public static double homogeneity(int[] truth, int[] pred) { return hcv(Contingency.of(truth, pred))[0]; }

    /** Completeness: all members of a class fall in one cluster. */
    public static double completeness(int[] truth, int[] pred) { return hcv(Contingency.of(truth, pred))[1]; }

    /** V-measure: harmonic mean of homogeneity and completeness (beta = 1). */
    public static double vMeasure(int[] truth, int[] pred) { return hcv(Contingency.of(truth, pred))[2]; }

    static double[] hcv(Contingency c) {
        if (c.n == 0) return new double[] {1, 1, 1};
        double hC = Contingency.entropy(c.rowSums), hK = Contingency.entropy(c.colSums);
        double mi = c.mutualInformation();
        double h = hC != 0 ? mi / hC : 1.0;
        double comp = hK != 0 ? mi / hK : 1.0;
        double v = h + comp == 0 ? 0.0 : 2 * h * comp / (h + comp);
        return new double[] {h, comp, v};
    }

    /** Adjusted Rand index, from the pair confusion matrix in exact integers as scikit-learn does. */
    public static double ari(int[] truth, int[] pred) {
        Contingency c = Contingency.of(truth, pred);
        BigInteger n = BigInteger.valueOf(c.n);
        BigInteger sumSquares = BigInteger.ZERO, rowDot = BigInteger.ZERO, colDot = BigInteger.ZERO;
        for (int i = 0; i < c.classes(); i++) {
            for (int j = 0; j < c.clusters(); j++) {
                long nij = c.counts[i][j];
                if (nij == 0) continue;
                BigInteger b = BigInteger.valueOf(nij);
                sumSquares = sumSquares.add(b.multiply(b));
                colDot = colDot.add(b.multiply(BigInteger.valueOf(c.colSums[j])));
                rowDot = rowDot.add(b.multiply(BigInteger.valueOf(c.rowSums[i])));
            }
        }
        BigInteger tp = sumSquares.subtract(n);
        BigInteger fp = colDot.subtract(sumSquares);
        BigInteger fn = rowDot.subtract(sumSquares);
        BigInteger tn = n.multiply(n).subtract(fp).subtract(fn).subtract(sumSquares);
        if (fn.signum() == 0 && fp.signum() == 0) return 1.0;
        double num = 2.0 * tp.multiply(tn).subtract(fn.multiply(fp)).doubleValue();
        double den = tp.add(fn).multiply(fn.add(tn)).add(tp.add(fp).multiply(fp.add(tn))).doubleValue();
        return num / den;
    }

    /** Adjusted mutual information with the arithmetic mean (scikit-learn's default). */
    public static double ami(int[] truth, int[] pred) { return ami(truth, pred, Average.ARITHMETIC); }

    public static double ami(int[] truth, int[] pred, Average average) {
        Contingency c = Contingency.of(truth, pred);
        if (c.classes() == c.clusters() && c.classes() <= 1) return 1.0;
        double mi = c.mutualInformation();
        double emi = ExpectedMutualInformation.of(c);
        double norm = average.of(Contingency.entropy(c.rowSums), Contingency.entropy(c.colSums));
        double den = norm - emi;
        den = den < 0 ? Math.min(den, -0x1.0p-52) : Math.max(den, 0x1.0p-52);
        return (mi - emi) / den;
    }

    /**
     * Clustering accuracy: the fraction of samples whose cluster maps to their class under the best one-to-one
     * matching of clusters to classes (Hungarian algorithm); clusters left unmatched count as wrong.
     */
    public static double accuracy(int[] truth, int[] pred) {
        Contingency c = Contingency.of(truth, pred);
        if (c.n == 0) return 1.0;
        int size = Math.max(c.classes(), c.clusters());
        long max = 0;
        for (long[] row : c.counts) for (long v : row) max = Math.max(max, v);
        double[][] cost = new double[size][size];
        for (int j = 0; j < size; j++) {
            for (int i = 0; i < size; i++) {
                long v = i < c.classes() && j < c.clusters() ? c.counts[i][j] : 0;
                cost[j][i] = max - v;
            }
        }
        int[] assign = Hungarian.solve(cost);
        long hits = 0;
        for (int j = 0; j < c.clusters(); j++) {
            int i = assign[j];
            if (i < c.classes()) hits += c.counts[i][j];
        }
        return hits / (double) c.n;
    }
}
