package org.pacscluster.cluster;

/**
 * The rows k-means clusters, in the precision the caller gave them: scikit-learn's rule is that float32 data are
 * clustered in float32 (distances, sums, means, inertia) and float64 data in float64. {@link KMeans} is written
 * once against this class; a subclass supplies the distance step's kernel and rounds every sum, mean and inertia to
 * its precision. Centres are always held as {@code double[][]}; in float32 they hold float values (exactly).
 */
abstract sealed class Samples permits DoubleSamples, FloatSamples {
    final int n, d;

    Samples(int n, int d) {
        this.n = n;
        this.d = d;
    }

    /** v rounded to the data's precision (identity in float64; in float32 one rounding after a double operation on
     *  floats gives the correctly rounded float32 result for +, −, ×, ÷, so sums computed this way are float32 sums). */
    abstract double round(double v);

    /** Unit roundoff of the distance step's arithmetic (for {@link HamerlyBounds}' error margin). */
    abstract double unitRoundoff();

    /** x[i][j] (widened to double). */
    abstract double get(int i, int j);

    /** ‖x_i‖² in the data's precision (the distance step's and the bounds' norms). */
    abstract double norm(int i);

    /** x_i · c in double arithmetic (bounds' tightening and k-means++ seeding). */
    abstract double dot(int i, double[] c);

    /** sum += x_i, each element rounded to the data's precision. */
    abstract void addRow(int i, double[] sum);

    /** ‖x_i − c‖² in the data's precision, grouped as scikit-learn's {@code _euclidean_dense_dense} (inertia). */
    abstract double squaredDistance(int i, double[] c);

    /** One step's centres in the form the kernel takes (norms in the data's precision). */
    abstract Centres centres(double[][] c);

    /**
     * The distance step for the listed rows {@code rows[0..count)}: label (nearest centre, first on ties), full
     * squared distance into {@code dist[row]}, and, at the row's position in the list, the best and second-best
     * ‖c‖² − 2 x·c ({@code best}/{@code second} may be null).
     */
    abstract void nearest(int[] rows, int count, Centres c, int[] labels, double[] dist, double[] best, double[] second);

    /** Name of the distance kernel, for reports. */
    abstract String kernel();

    double[] row(int i) {
        double[] r = new double[d];
        for (int j = 0; j < d; j++) r[j] = get(i, j);
        return r;
    }

    /**
     * Squared distances of every row to each of the rows {@code ids} (k-means++ seeding), one pass over x, in
     * double arithmetic from the double norms {@code xNorm} (scikit-learn computes these distances in float64 for
     * float32 data too). Parallel over fixed blocks; each value depends only on its row and candidate.
     */
    double[][] distancesToRows(int[] ids, double[] xNorm) {
        int m = ids.length;
        double[][] cand = new double[m][];
        for (int t = 0; t < m; t++) cand[t] = row(ids[t]);
        double[][] out = new double[m][n];
        java.util.stream.IntStream.range(0, NearestCentre.blocks(n)).parallel().forEach(b -> {
            int to = Math.min(n, (b + 1) * NearestCentre.BLOCK);
            for (int i = b * NearestCentre.BLOCK; i < to; i++) {
                for (int t = 0; t < m; t++) out[t][i] = Math.max(0, xNorm[i] - 2 * dot(i, cand[t]) + xNorm[ids[t]]);
            }
        });
        return out;
    }

    /** ‖x_i‖² in double for every row (k-means++ seeding: scikit-learn computes its distances in float64 for both). */
    double[] doubleNorms() {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) { double v = get(i, j); s += v * v; }
            out[i] = s;
        }
        return out;
    }

    /** A step's centres: the rows, their squared norms in the data's precision, and any packed copy the kernel uses. */
    static class Centres {
        final double[][] rows;
        final double[] norms;

        Centres(double[][] rows, double[] norms) {
            this.rows = rows;
            this.norms = norms;
        }

        int k() { return rows.length; }
    }

    /** Chooses label, distance, best and second best from one row's values v[q] = ‖c_q‖² − 2 x·c_q. */
    static void pick(int row, int t, double[] v, int off, int k, double xNorm, Samples s, int[] labels, double[] dist,
                     double[] best, double[] second) {
        int arg = 0;
        double bestV = v[off], secondV = Double.POSITIVE_INFINITY;
        for (int q = 1; q < k; q++) {
            double vq = v[off + q];
            if (vq < bestV) { secondV = bestV; bestV = vq; arg = q; } else if (vq < secondV) secondV = vq;
        }
        labels[row] = arg;
        if (dist != null) dist[row] = Math.max(0, s.round(bestV + xNorm));
        if (best != null) { best[t] = bestV; second[t] = secondV; }
    }
}
