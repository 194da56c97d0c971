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
        // neighbour-major: one tight pass over the image per neighbour, setting bit i of every pixel's code
        java.util.Arrays.fill(codes, 0, rows * cols, 0);
        double[] a = padded;
        for (int i = 0; i < p; i++) {
            int tlOff = r0[i] * pc + c0[i], trOff = r0[i] * pc + c1[i];
            int blOff = r1[i] * pc + c0[i], brOff = r1[i] * pc + c1[i];
            // a neighbour on a whole pixel needs no interpolation: (1−0)·a + 0·b is exactly a
            boolean onPixel = r0[i] == r1[i] && c0[i] == c1[i];
            double[] fcs = dc[i];
            for (int r = 0; r < rows; r++) {
                int base = (r + pad) * pc + pad, out = r * cols;
                double f = dr[i][r];
                if (onPixel) {
                    for (int c = 0; c < cols; c++) {
                        int q = base + c;
                        codes[out + c] |= geZero(a[q + tlOff] - a[q]) << i;
                    }
                } else {
                    for (int c = 0; c < cols; c++) {
                        int q = base + c;
                        double fc = fcs[c];
                        double top = (1 - fc) * a[q + tlOff] + fc * a[q + trOff];
                        double bottom = (1 - fc) * a[q + blOff] + fc * a[q + brOff];
                        codes[out + c] |= geZero((1 - f) * top + f * bottom - a[q]) << i;
                    }
                }
            }
        }
        if (cfg.variant() == LbpConfig.Variant.UNIFORM) {
            // transitions between neighbours i and i+1 for i < P−1 (no wrap-around pair, as scikit-image)
            int pairs = (1 << (p - 1)) - 1;
            for (int j = 0; j < rows * cols; j++) {
                int code = codes[j];
                int changes = Integer.bitCount((code ^ (code >>> 1)) & pairs);
                codes[j] = changes <= 2 ? Integer.bitCount(code) : p + 1;
            }
        }
    }

    /**
     * 1 when d ≥ 0, else 0, without a branch (texture makes the comparison unpredictable): the sign bit of d + 0.0,
     * which turns −0.0 into +0.0 so that it counts as ≥ 0 as it does in the comparison. Inputs are never NaN.
     */
    private static int geZero(double d) {
        return (int) (~Double.doubleToRawLongBits(d + 0.0) >>> 63);
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
