package org.pacscluster.metrics;

/**
 * Expected mutual information of two labelings under the hypergeometric model of random labelings with the same
 * class and cluster sizes (Vinh, Epps and Bailey 2010), summed in the same order and form as scikit-learn's
 * {@code expected_mutual_information} so that AMI agrees to rounding.
 */
final class ExpectedMutualInformation {
    private ExpectedMutualInformation() {}

    static double of(Contingency c) {
        long[] a = c.rowSums, b = c.colSums;
        if (a.length == 1 || b.length == 1) return 0.0;
        int n = (int) c.n;
        double[] logFact = logFactorials(n + 1);
        double logN = Math.log(n);
        double glnN = logFact[n];
        double emi = 0;
        for (long ai : a) {
            double logA = Math.log(ai), glnA = logFact[(int) ai], glnNA = logFact[(int) (n - ai)];
            for (long bj : b) {
                double logB = Math.log(bj), glnB = logFact[(int) bj], glnNB = logFact[(int) (n - bj)];
                long start = Math.max(1, ai - n + bj), end = Math.min(ai, bj);
                double fixed = glnA + glnB + glnNA + glnNB - glnN;
                for (long nij = start; nij <= end; nij++) {
                    double term1 = nij / (double) n;
                    double term2 = logN + Math.log(nij) - logA - logB;
                    double gln = fixed - logFact[(int) nij] - logFact[(int) (ai - nij)] - logFact[(int) (bj - nij)]
                            - logFact[(int) (n - ai - bj + nij)];
                    emi += term1 * term2 * Math.exp(gln);
                }
            }
        }
        return emi;
    }

    /** log(k!) for k = 0..max, via the log-gamma function (accurate to a few ulps, no accumulated error). */
    static double[] logFactorials(int max) {
        double[] out = new double[max + 1];
        for (int k = 0; k <= max; k++) out[k] = LogGamma.of(k + 1.0);
        return out;
    }
}
