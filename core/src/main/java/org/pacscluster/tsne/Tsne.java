package org.pacscluster.tsne;

import java.util.Random;
import java.util.stream.IntStream;
import org.pacscluster.embed.PcaConfig;
import org.pacscluster.embed.PcaEmbedder;
import org.pacscluster.embed.RowSource;
import org.pacscluster.progress.Progress;

/**
 * Barnes-Hut t-SNE (van der Maaten 2014) of an embedding into 2-D, following scikit-learn's TSNE (≥ 1.2) step by
 * step: sparse affinities over the ⌊3·perplexity + 1⌋ nearest neighbours (found exactly with a vantage-point tree),
 * PCA initialisation, early exaggeration with momentum 0.5, then momentum 0.8, per-coordinate adaptive gains, and
 * the Barnes-Hut quadtree for the repulsive forces. Inputs wider than {@link TsneConfig#pcaDimensions()} are first
 * projected on that many principal components.
 *
 * <p>Deterministic: each point's forces are computed independently and every sum is taken in a fixed order, so the
 * same input and seed give the same map whatever the number of threads.
 */
public final class Tsne {
    private static final double MIN_GAIN = 0.01;
    private static final double INIT_STD = 1e-4;
    private static final int CHUNK = 128;

    private final TsneConfig cfg;

    public Tsne(TsneConfig cfg) { this.cfg = cfg; }

    /** The map of {@code x} (n × d, n ≥ 4) with the given settings. */
    public static TsneResult embed(double[][] x, TsneConfig cfg) { return new Tsne(cfg).fit(x, Progress.NONE); }

    /** The map of {@code x} with scikit-learn's default settings and the given seed. */
    public static TsneResult embed(double[][] x, long seed) {
        return embed(x, TsneConfig.builder().optSeed(seed).build());
    }

    public TsneResult fit(double[][] x, Progress progress) {
        long t0 = System.nanoTime();
        int n = x.length;
        if (n < 4) throw new IllegalArgumentException("t-SNE needs at least 4 points, got " + n);
        int d = x[0].length;
        if (d < 1) throw new IllegalArgumentException("t-SNE input has no features");
        for (double[] row : x) {
            if (row.length != d) throw new IllegalArgumentException("t-SNE input rows have different lengths");
            for (double v : row) if (!Double.isFinite(v)) throw new IllegalArgumentException("t-SNE input has NaN or infinite values");
        }
        // scikit-learn refuses perplexity >= n; we clamp instead, so that small test subsets still get a map
        double perplexity = Math.min(cfg.perplexity(), (n - 1) / 3.0);
        int k = Math.min(n - 1, (int) (3 * perplexity + 1));

        boolean reduce = cfg.pcaDimensions() > 0 && d > cfg.pcaDimensions();
        double[][] input = reduce ? principalScores(x, cfg.pcaDimensions(), cfg.seed()) : x;
        int dim = input[0].length;
        double[] flat = new double[n * dim];
        for (int i = 0; i < n; i++) System.arraycopy(input[i], 0, flat, i * dim, dim);

        VpTree.Neighbours nn = VpTree.nearest(flat, dim, k, cfg.seed());
        Affinities p = Affinities.compute(nn, n, perplexity);
        double[] y = initialPositions(x, input, reduce, n);

        double rate = cfg.learningRateFor(n);
        int total = cfg.iterations(), early = cfg.exaggerationIterations();
        double[] grad = new double[2 * n];
        double[] update = new double[2 * n], gains = new double[2 * n];
        for (int it = 0; it < total; it++) {
            boolean exaggerated = it < early;
            if (it == 0 || it == early) {           // scikit-learn restarts its optimiser for the second phase
                java.util.Arrays.fill(update, 0);
                java.util.Arrays.fill(gains, 1);
            }
            gradient(p, y, exaggerated ? cfg.earlyExaggeration() : 1, grad);
            double momentum = exaggerated ? 0.5 : 0.8;
            for (int c = 0; c < 2 * n; c++) {
                double g = grad[c];
                gains[c] = update[c] * g < 0 ? gains[c] + 0.2 : Math.max(gains[c] * 0.8, MIN_GAIN);
                update[c] = momentum * update[c] - rate * gains[c] * g;
                y[c] += update[c];
            }
            if ((it + 1) % 10 == 0 || it + 1 == total) {
                progress.step(it + 1, total);
            }
        }
        double kl = klDivergence(p, y);
        double[][] out = new double[n][2];
        for (int i = 0; i < n; i++) { out[i][0] = y[2 * i]; out[i][1] = y[2 * i + 1]; }
        return new TsneResult(out, kl, total, dim, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The scores of {@code x} on its (at most) {@code components} leading principal axes, largest variance first,
     * by the embedding step's PCA ({@link PcaEmbedder}: exact for small inputs, else randomized with 4 power
     * iterations); axis signs are fixed (largest entry positive), so the result is deterministic for a seed.
     */
    static double[][] principalScores(double[][] x, int components, long seed) {
        int c = Math.min(components, Math.min(x.length, x[0].length));
        RowSource rows = RowSource.of(x);
        PcaEmbedder pca = new PcaEmbedder(new PcaConfig(c, PcaConfig.Solver.AUTO, 10, 4, seed));
        return pca.fit(rows, Progress.NONE).transform(rows);
    }

    private double[] initialPositions(double[][] x, double[][] input, boolean reduced, int n) {
        double[] y = new double[2 * n];
        if (!cfg.pcaInit()) {
            Random rng = new Random(cfg.seed());
            for (int c = 0; c < 2 * n; c++) y[c] = INIT_STD * rng.nextGaussian();
            return y;
        }
        double[][] pcs = reduced && input[0].length >= 2 ? input : principalScores(x, 2, cfg.seed());
        double mean = 0, sq = 0;
        for (int i = 0; i < n; i++) mean += pcs[i][0];
        mean /= n;
        for (int i = 0; i < n; i++) sq += (pcs[i][0] - mean) * (pcs[i][0] - mean);
        double std = Math.sqrt(sq / n);
        double scale = std > 0 ? INIT_STD / std : 0;
        // one-feature input has no second component: spread the second axis with noise so it can move
        Random rng = new Random(cfg.seed());
        for (int i = 0; i < n; i++) {
            y[2 * i] = pcs[i][0] * scale;
            y[2 * i + 1] = pcs[i].length > 1 ? pcs[i][1] * scale : INIT_STD * rng.nextGaussian();
        }
        return y;
    }

    /**
     * The KL gradient 4 (exaggeration · Σ_j p_ij q_ij Z (y_i − y_j) − Σ_j q_ij² Z (y_i − y_j)) into {@code grad};
     * returns Z.
     */
    private double gradient(Affinities p, double[] y, double exaggeration, double[] grad) {
        int n = p.size();
        QuadTree tree = new QuadTree(y);
        double thetaSq = cfg.theta() * cfg.theta();
        double[] neg = new double[2 * n];
        double[] sumQ = new double[n];
        int chunks = (n + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(ch -> {
            int[] stack = new int[QuadTree.stackSize()];
            for (int t0 = ch * CHUNK, end = Math.min(n, t0 + CHUNK); t0 < end; t0++) {
                int i = tree.pointInTreeOrder(t0);
                sumQ[i] = tree.repulsion(i, thetaSq, neg, stack);
                double xi = y[2 * i], yi = y[2 * i + 1], fx = 0, fy = 0;
                for (int t = p.rowStart[i]; t < p.rowStart[i + 1]; t++) {
                    int j = p.column[t];
                    double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
                    double w = p.value[t] / (1 + dx * dx + dy * dy);
                    fx += w * dx;
                    fy += w * dy;
                }
                grad[2 * i] = exaggeration * fx;
                grad[2 * i + 1] = exaggeration * fy;
            }
        });
        double z = 0;
        for (int i = 0; i < n; i++) z += sumQ[i];
        for (int c = 0; c < 2 * n; c++) grad[c] = 4 * (grad[c] - neg[c] / z);
        return z;
    }

    /** KL(P‖Q) over the stored (non-zero) affinities, with Z from the same Barnes-Hut approximation. */
    private double klDivergence(Affinities p, double[] y) {
        double z = gradient(p, y, 1, new double[y.length]);
        double kl = 0;
        for (int i = 0; i < p.size(); i++) {
            for (int t = p.rowStart[i]; t < p.rowStart[i + 1]; t++) {
                int j = p.column[t];
                double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                double q = 1 / (1 + dx * dx + dy * dy) / z;
                double pij = p.value[t];
                if (pij > 0) kl += pij * Math.log(Math.max(pij, Double.MIN_NORMAL) / Math.max(q, Double.MIN_NORMAL));
            }
        }
        return kl;
    }
}
