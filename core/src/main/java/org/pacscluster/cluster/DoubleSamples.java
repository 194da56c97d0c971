package org.pacscluster.cluster;

/** Float64 rows: every step in double, the distances by {@link NearestCentre}'s 2-row × 4-centre Java tile. */
final class DoubleSamples extends Samples {
    private final double[][] x;
    private final double[] norms;

    DoubleSamples(double[][] x) {
        super(x.length, x[0].length);
        this.x = x;
        norms = NearestCentre.squaredNorms(x);
    }

    @Override double round(double v) { return v; }

    @Override double unitRoundoff() { return 0x1p-53; }

    @Override double get(int i, int j) { return x[i][j]; }

    @Override double norm(int i) { return norms[i]; }

    @Override double[] doubleNorms() { return norms; }

    @Override double dot(int i, double[] c) { return NearestCentre.dot(x[i], c); }

    @Override double[] row(int i) { return x[i].clone(); }

    @Override
    void addRow(int i, double[] sum) {
        double[] xi = x[i];
        for (int j = 0; j < d; j++) sum[j] += xi[j];
    }

    @Override
    double squaredDistance(int i, double[] c) {
        double[] a = x[i];
        double r = 0;
        int j = 0;
        for (; j + 3 < d; j += 4) {
            double t0 = a[j] - c[j], t1 = a[j + 1] - c[j + 1], t2 = a[j + 2] - c[j + 2], t3 = a[j + 3] - c[j + 3];
            r += t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
        }
        for (; j < d; j++) { double t = a[j] - c[j]; r += t * t; }
        return r;
    }

    @Override Centres centres(double[][] c) { return new Centres(c, NearestCentre.squaredNorms(c)); }

    @Override
    void nearest(int[] rows, int count, Centres c, int[] labels, double[] dist, double[] best, double[] second) {
        int k = c.k();
        double[] dots0 = new double[k], dots1 = new double[k], v = new double[k];
        for (int t = 0; t < count; t += 2) {
            int i0 = rows[t], i1 = t + 1 < count ? rows[t + 1] : i0;
            NearestCentre.dotsWithCentres(x[i0], x[i1], c.rows, dots0, dots1);
            for (int q = 0; q < k; q++) v[q] = c.norms[q] - 2 * dots0[q];
            pick(i0, t, v, 0, k, norms[i0], this, labels, dist, best, second);
            if (t + 1 < count) {
                for (int q = 0; q < k; q++) v[q] = c.norms[q] - 2 * dots1[q];
                pick(i1, t + 1, v, 0, k, norms[i1], this, labels, dist, best, second);
            }
        }
    }

    @Override String kernel() { return "Java double tile"; }
}
