package org.pacscluster.embed;

/** Prototype: P=8, R=1 LBP codes identical to Lbp.codes, specialised (axis neighbours exact, diagonals hoisted). */
public final class FastLbpProto {
    static double round5(double x) { return Math.rint(x * 1e5) / 1e5; }

    /** codes of rows x cols image; uniform variant when uniform. */
    public static void codes(double[] img, int rows, int cols, int[] codes, boolean uniform) {
        double d = round5(Math.sin(Math.PI / 4));          // 0.70711
        // per-row fractions for y = r - d (neighbours 1, 3: row above) and y = r + d (5, 7: row below)
        double[] frUp = new double[rows], frDn = new double[rows];
        for (int r = 0; r < rows; r++) {
            double y = r + (-d); frUp[r] = y - Math.floor(y);
            y = r + d; frDn[r] = y - Math.floor(y);
        }
        double[] fcL = new double[cols], fcR = new double[cols];
        for (int c = 0; c < cols; c++) {
            double x = c + (-d); fcL[c] = x - Math.floor(x);
            x = c + d; fcR[c] = x - Math.floor(x);
        }
        int pc = cols + 2;                                  // one zero column each side, one zero row above and below
        double[] a = new double[(rows + 2) * pc];
        for (int r = 0; r < rows; r++) System.arraycopy(img, r * cols, a, (r + 1) * pc + 1, cols);
        for (int r = 0; r < rows; r++) {
            int q0 = (r + 1) * pc + 1;
            double fu = frUp[r], fd = frDn[r], gu = 1 - fu, gd = 1 - fd;
            int out = r * cols;
            for (int c = 0; c < cols; c++) {
                int q = q0 + c;
                double centre = a[q];
                double fl = fcL[c], fr = fcR[c], gl = 1 - fl, gr = 1 - fr;
                // neighbour i at (r - sin, c + cos): 0 right, 1 up-right, 2 up, 3 up-left, 4 left, 5 down-left, 6 down, 7 down-right
                // up-right (i=1): rows r-1 (floor) / r (ceil), cols c (floor) / c+1 (ceil), fractions frUp, fcR
                double v1 = gu * (gr * a[q - pc] + fr * a[q - pc + 1]) + fu * (gr * a[q] + fr * a[q + 1]);
                // up-left (i=3): rows r-1 / r, cols c-1 / c, fractions frUp, fcL
                double v3 = gu * (gl * a[q - pc - 1] + fl * a[q - pc]) + fu * (gl * a[q - 1] + fl * a[q]);
                // down-left (i=5): rows r / r+1, cols c-1 / c, fractions frDn, fcL
                double v5 = gd * (gl * a[q - 1] + fl * a[q]) + fd * (gl * a[q + pc - 1] + fl * a[q + pc]);
                // down-right (i=7): rows r / r+1, cols c / c+1, fractions frDn, fcR
                double v7 = gd * (gr * a[q] + fr * a[q + 1]) + fd * (gr * a[q + pc] + fr * a[q + pc + 1]);
                int code = (a[q + 1] - centre >= 0 ? 1 : 0)
                        | (v1 - centre >= 0 ? 2 : 0)
                        | (a[q - pc] - centre >= 0 ? 4 : 0)
                        | (v3 - centre >= 0 ? 8 : 0)
                        | (a[q - 1] - centre >= 0 ? 16 : 0)
                        | (v5 - centre >= 0 ? 32 : 0)
                        | (a[q + pc] - centre >= 0 ? 64 : 0)
                        | (v7 - centre >= 0 ? 128 : 0);
                if (uniform) {
                    int changes = Integer.bitCount((code ^ (code >>> 1)) & 0x7F);
                    code = changes <= 2 ? Integer.bitCount(code) : 9;
                }
                codes[out + c] = code;
            }
        }
    }
}
