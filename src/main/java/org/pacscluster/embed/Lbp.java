package org.pacscluster.embed;

/**
 * Local binary patterns exactly as scikit-image 0.19's {@code local_binary_pattern}: neighbour i sits at
 * (r − R sin(2πi/P), c + R cos(2πi/P)) with both offsets rounded to 5 decimals; its value is bilinear
 * interpolation with zero outside the image, evaluated in the same order and with the same per-pixel fractions
 * (r + offset − ⌊r + offset⌋ differs in the last bits from row to row, and we reproduce that); bit i is set when
 * neighbour − centre ≥ 0. The uniform variant counts transitions between consecutive neighbours 0..P−1 without
 * the wrap-around pair, as scikit-image does. Not thread-safe: use one per thread.
 */
public final class Lbp {
    private final LbpConfig cfg;
    private final double[] rp, cp;
    private final int pad;
    private double[] padded = new double[0];

    public Lbp(LbpConfig cfg) {
        this.cfg = cfg;
        int p = cfg.points();
        rp = new double[p];
        cp = new double[p];
        for (int i = 0; i < p; i++) {
            double a = 2 * Math.PI * i / p;
            rp[i] = round5(-cfg.radius() * Math.sin(a));
            cp[i] = round5(cfg.radius() * Math.cos(a));
        }
        pad = (int) Math.ceil(cfg.radius()) + 1;
    }

    public LbpConfig config() { return cfg; }

    /** numpy's round(x, 5): scale, round half to even, unscale. */
    static double round5(double x) { return Math.rint(x * 1e5) / 1e5; }

    /** The code of every pixel of the rows × cols image (row-major) into {@code codes}. */
    public void codes(double[] img, int rows, int cols, int[] codes) {
        int pr = rows + 2 * pad, pc = cols + 2 * pad;
        if (padded.length < pr * pc) padded = new double[pr * pc];
        java.util.Arrays.fill(padded, 0, pr * pc, 0.0);
        for (int r = 0; r < rows; r++) System.arraycopy(img, r * cols, padded, (r + pad) * pc + pad, cols);
        int p = cfg.points();
        // per-neighbour integer offsets and per-row / per-column fractions (they depend on r and c, see above)
        int[] r0 = new int[p], r1 = new int[p], c0 = new int[p], c1 = new int[p];
        double[][] dr = new double[p][rows], dc = new double[p][cols];
        for (int i = 0; i < p; i++) {
            r0[i] = (int) Math.floor(rp[i]); r1[i] = (int) Math.ceil(rp[i]);
            c0[i] = (int) Math.floor(cp[i]); c1[i] = (int) Math.ceil(cp[i]);
            for (int r = 0; r < rows; r++) {
                double y = r + rp[i];
                dr[i][r] = y - Math.floor(y);
                if ((long) Math.floor(y) - r != r0[i] || (long) Math.ceil(y) - r != r1[i]) {
                    throw new IllegalStateException("LBP offset rounding changed the neighbour cell");
                }
            }
            for (int c = 0; c < cols; c++) {
                double x = c + cp[i];
                dc[i][c] = x - Math.floor(x);
            }
        }
        boolean uniform = cfg.variant() == LbpConfig.Variant.UNIFORM;
        boolean[] bits = new boolean[p];
        double[] a = padded;
        for (int r = 0; r < rows; r++) {
            int base = (r + pad) * pc + pad;
            for (int c = 0; c < cols; c++) {
                int q = base + c;
                double centre = a[q];
                int code = 0, ones = 0;
                for (int i = 0; i < p; i++) {
                    double fr = dr[i][r], fc = dc[i][c];
                    double tl = a[q + r0[i] * pc + c0[i]], tr = a[q + r0[i] * pc + c1[i]];
                    double bl = a[q + r1[i] * pc + c0[i]], br = a[q + r1[i] * pc + c1[i]];
                    double top = (1 - fc) * tl + fc * tr;
                    double bottom = (1 - fc) * bl + fc * br;
                    double v = (1 - fr) * top + fr * bottom;
                    boolean set = v - centre >= 0;
                    bits[i] = set;
                    if (set) { code |= 1 << i; ones++; }
                }
                if (uniform) {
                    int changes = 0;
                    for (int i = 0; i < p - 1; i++) if (bits[i] != bits[i + 1]) changes++;
                    code = changes <= 2 ? ones : p + 1;
                }
                codes[r * cols + c] = code;
            }
        }
    }

    /** The per-cell code histograms (frequencies), concatenated row by row, into {@code out} from {@code offset}. */
    public void histograms(int[] codes, int rows, int cols, double[] out, int offset) {
        int cs = cfg.cellSize(), bins = cfg.bins();
        int cellRows = rows / cs, cellCols = cols / cs;
        java.util.Arrays.fill(out, offset, offset + cellRows * cellCols * bins, 0.0);
        double w = 1.0 / (cs * cs);
        for (int r = 0; r < cellRows * cs; r++) {
            for (int c = 0; c < cellCols * cs; c++) {
                out[offset + ((r / cs) * cellCols + c / cs) * bins + codes[r * cols + c]] += w;
            }
        }
    }
}
