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
    /** Whether the P = 8, R = 1 layout holds (see {@link #codes8}). */
    private final boolean eightNeighbours;
    private double[] padded = new double[0];
    private int paddedCols = -1;
    private double[] fracUp = new double[0], fracDown = new double[0], fracLeft = new double[0], fracRight = new double[0];
    private int[] cellCounts = new int[0];

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
        eightNeighbours = cfg.points() == 8 && cfg.radius() == 1
                && rp[0] == 0 && cp[0] == 1 && rp[2] == -1 && cp[2] == 0 && rp[4] == 0 && cp[4] == -1
                && rp[6] == 1 && cp[6] == 0
                && rp[1] == rp[3] && rp[5] == rp[7] && cp[1] == cp[7] && cp[3] == cp[5]
                && rp[1] > -1 && rp[1] < 0 && rp[5] > 0 && rp[5] < 1 && cp[1] > 0 && cp[1] < 1 && cp[3] > -1 && cp[3] < 0;
    }

    public LbpConfig config() { return cfg; }

    /** numpy's round(x, 5): scale, round half to even, unscale. */
    static double round5(double x) { return Math.rint(x * 1e5) / 1e5; }

    /** The code of every pixel of the rows × cols image (row-major) into {@code codes}. */
    public void codes(double[] img, int rows, int cols, int[] codes) {
        if (eightNeighbours) codes8(img, rows, cols, codes);
        else codesGeneral(img, rows, cols, codes);
    }

    /** Copies the image into {@link #padded} with a zero border of {@link #pad} pixels; returns the padded width. */
    private int pad(double[] img, int rows, int cols) {
        int pr = rows + 2 * pad, pc = cols + 2 * pad;
        if (padded.length != pr * pc || paddedCols != pc) {
            padded = new double[pr * pc];  // the border is zero from here on: only the interior is ever written
            paddedCols = pc;
        }
        for (int r = 0; r < rows; r++) System.arraycopy(img, r * cols, padded, (r + pad) * pc + pad, cols);
        return pc;
    }

    /**
     * P = 8, R = 1 (the paper's setting), all eight neighbours in one pass per pixel. The four axis neighbours lie
     * on whole pixels (offsets 0 and ±1 after rounding to 5 decimals), so their interpolation (1 − 0)·a + 0·b is a
     * bit for bit; the four diagonal ones share two row fractions (row above / below, per row) and two column
     * fractions (left / right, per column), hoisted out of the pixel loop; every product and sum is evaluated in
     * the same order as {@link #codesGeneral}, so the codes are identical (LbpFastPathTest checks it).
     */
    private void codes8(double[] img, int rows, int cols, int[] codes) {
        int pc = pad(img, rows, cols);
        if (fracUp.length < rows) { fracUp = new double[rows]; fracDown = new double[rows]; }
        if (fracLeft.length < cols) { fracLeft = new double[cols]; fracRight = new double[cols]; }
        double up = rp[1], down = rp[5], left = cp[3], right = cp[1];
        for (int r = 0; r < rows; r++) {
            double y = r + up;
            fracUp[r] = y - Math.floor(y);
            y = r + down;
            fracDown[r] = y - Math.floor(y);
        }
        for (int c = 0; c < cols; c++) {
            double x = c + left;
            fracLeft[c] = x - Math.floor(x);
            x = c + right;
            fracRight[c] = x - Math.floor(x);
        }
        double[] a = padded, fl = fracLeft, fr = fracRight;
        boolean uniform = cfg.variant() == LbpConfig.Variant.UNIFORM;
        for (int r = 0; r < rows; r++) {
            int q0 = (r + pad) * pc + pad, out = r * cols;
            double fu = fracUp[r], fd = fracDown[r], gu = 1 - fu, gd = 1 - fd;
            for (int c = 0; c < cols; c++) {
                int q = q0 + c;
                double centre = a[q];
                double fcl = fl[c], fcr = fr[c], gl = 1 - fcl, gr = 1 - fcr;
                double n = a[q - pc], s = a[q + pc], w = a[q - 1], e = a[q + 1];
                // 1 up-right, 3 up-left, 5 down-left, 7 down-right: (1 − f)·top + f·bottom, top/bottom along columns
                double v1 = gu * (gr * a[q - pc] + fcr * a[q - pc + 1]) + fu * (gr * centre + fcr * e);
                double v3 = gu * (gl * a[q - pc - 1] + fcl * n) + fu * (gl * w + fcl * centre);
                double v5 = gd * (gl * w + fcl * centre) + fd * (gl * a[q + pc - 1] + fcl * s);
                double v7 = gd * (gr * centre + fcr * e) + fd * (gr * s + fcr * a[q + pc + 1]);
                int code = geZero(e - centre)
                        | geZero(v1 - centre) << 1
                        | geZero(n - centre) << 2
                        | geZero(v3 - centre) << 3
                        | geZero(w - centre) << 4
                        | geZero(v5 - centre) << 5
                        | geZero(s - centre) << 6
                        | geZero(v7 - centre) << 7;
                if (uniform) code = uniform8(code);
                codes[out + c] = code;
            }
        }
    }

    /** The uniform code of an 8-bit pattern: transitions between neighbours i, i+1 for i < 7 (no wrap-around). */
    private static int uniform8(int code) {
        return Integer.bitCount((code ^ (code >>> 1)) & 0x7F) <= 2 ? Integer.bitCount(code) : 9;
    }

    /** Any P and R: one pass over the image per neighbour with generic bilinear interpolation. */
    void codesGeneral(double[] img, int rows, int cols, int[] codes) {
        int pc = pad(img, rows, cols);
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

    /**
     * The per-cell code histograms (frequencies), concatenated row by row, into {@code out} from {@code offset}:
     * integer counts per cell, one division each at the end (exactly count / cellSize², the correctly rounded
     * frequency).
     */
    public void histograms(int[] codes, int rows, int cols, double[] out, int offset) {
        int cs = cfg.cellSize(), bins = cfg.bins();
        int cellRows = rows / cs, cellCols = cols / cs;
        if (cellCounts.length < cellCols * bins) cellCounts = new int[cellCols * bins];
        int[] counts = cellCounts;
        double area = cs * cs;
        for (int cr = 0; cr < cellRows; cr++) {
            java.util.Arrays.fill(counts, 0, cellCols * bins, 0);
            for (int r = cr * cs; r < (cr + 1) * cs; r++) {
                int row = r * cols;
                for (int cc = 0, c = 0; cc < cellCols; cc++) {
                    int base = cc * bins;
                    for (int end = c + cs; c < end; c++) counts[base + codes[row + c]]++;
                }
            }
            int o = offset + cr * cellCols * bins;
            for (int j = 0; j < cellCols * bins; j++) out[o + j] = counts[j] / area;
        }
    }
}
