package org.pacscluster.embed;

/**
 * Histogram of oriented gradients computed exactly as scikit-image 0.19's {@code hog} (grey image,
 * {@code block_norm='L2-Hys'}, no sqrt transform): central differences with zero gradient on the border rows and
 * columns; magnitude √(g_r² + g_c²); unsigned orientation atan2(g_r, g_c) in degrees modulo 180 (Python's modulo);
 * hard binning into [i·w, (i+1)·w); per-cell sums accumulated in float32 in row-major pixel order and divided by
 * the cell area in float32 (scikit-image's Cython kernel does exactly this); blocks normalised in double:
 * v/√(Σv² + ε²), clipped at 0.2, renormalised, ε = 1e-5. Output order (block row, block col, cell row, cell col,
 * orientation). Pixels beyond the last whole cell are ignored, as there. Not thread-safe: use one per thread.
 */
public final class Hog {
    private static final double EPS2 = 1e-5 * 1e-5;

    private final HogConfig cfg;
    private final double binWidth;
    /** cos and sin of the bin boundaries k·180°/n, k = 1..n−1 (index 0 unused); null when the angle route is used. */
    private final double[] boundaryCos, boundarySin;
    private float[] cellHist = new float[0];

    public Hog(HogConfig cfg) {
        this.cfg = cfg;
        this.binWidth = 180.0 / cfg.orientations();
        // only for 9 bins (the default): no boundary 20k° has a rational tangent, so quantised gradients never tie
        if (cfg.orientations() == 9) {
            boundaryCos = new double[9];
            boundarySin = new double[9];
            for (int k = 1; k < 9; k++) {
                boundaryCos[k] = Math.cos(Math.toRadians(k * binWidth));
                boundarySin[k] = Math.sin(Math.toRadians(k * binWidth));
            }
        } else {
            boundaryCos = boundarySin = null;
        }
    }

    public HogConfig config() { return cfg; }

    /** Writes the descriptor of the rows × cols image {@code img} (row-major) into {@code out} from {@code offset}. */
    public void compute(double[] img, int rows, int cols, double[] out, int offset) {
        int len = cfg.length(rows, cols);
        if (out.length - offset < len) throw new IllegalArgumentException("HOG output buffer too small");
        int cs = cfg.cellSize(), nb = cfg.orientations();
        int cellRows = rows / cs, cellCols = cols / cs;
        int histLen = cellRows * cellCols * nb;
        if (cellHist.length < histLen) cellHist = new float[histLen];
        java.util.Arrays.fill(cellHist, 0, histLen, 0f);
        float[] hist = cellHist;
        for (int r = 0; r < cellRows * cs; r++) {
            int rowBase = (r / cs) * cellCols * nb;
            for (int c = 0; c < cellCols * cs; c++) {
                int p = r * cols + c;
                double gr = (r == 0 || r == rows - 1) ? 0 : img[p + cols] - img[p - cols];
                double gc = (c == 0 || c == cols - 1) ? 0 : img[p + 1] - img[p - 1];
                int bin = bin(gr, gc);
                if (bin < 0) continue;
                double mag = Math.sqrt(gr * gr + gc * gc);
                int h = rowBase + (c / cs) * nb + bin;
                hist[h] = (float) (hist[h] + mag);
            }
        }
        float area = cs * cs;
        for (int i = 0; i < histLen; i++) hist[i] = hist[i] / area;
        normaliseBlocks(hist, cellRows, cellCols, out, offset);
    }

    /**
     * The orientation bin of a gradient, or −1 when its angle falls on 180° after the modulo (no bin, as there).
     * With 9 bins this avoids atan2 (not a HotSpot intrinsic; it was most of the descriptor's time): the gradient is
     * folded into the upper half-plane (θ and θ + 180° share a bin) and its bin is the number of boundaries
     * φ_k = 20k° it is at or past, θ ≥ φ_k ⇔ g_r cos φ_k − g_c sin φ_k ≥ 0. That equals {@link #binByAngle} except
     * for gradients within ~1e-15 (relative) of a boundary; gradients of quantised images (differences of k/255 or
     * k/65535) cannot come that close to the irrational tan 20k°, and near-horizontal gradients, where the angle
     * route rounds 180° − ε up to 180° and drops the pixel, take the angle route itself. HogBinningTest checks
     * equality for every pair of 8-bit gradients.
     */
    int bin(double gr, double gc) {
        if (boundaryCos == null || !(Math.abs(gr) > 1e-12 * Math.abs(gc))) return binByAngle(gr, gc);
        if (gr < 0) {
            gr = -gr;
            gc = -gc;
        }
        int b = 0;
        for (int k = 1; k < boundaryCos.length; k++) {
            if (gr * boundaryCos[k] - gc * boundarySin[k] >= 0) b = k;
            else break;
        }
        return b;
    }

    /** scikit-image's definition: the bin of rad2deg(atan2(g_r, g_c)) % 180 (Python's modulo), −1 for 180°. */
    int binByAngle(double gr, double gc) {
        double deg = Math.atan2(gr, gc) * (180.0 / Math.PI);
        double m = deg % 180.0;
        if (m != 0) {
            if (m < 0) m += 180.0;
        } else {
            m = 0.0;
        }
        int b = (int) (m / binWidth);
        if (b > 0 && m < binWidth * b) b--;
        else if (m >= binWidth * (b + 1)) b++;
        return b < cfg.orientations() ? b : -1;
    }

    private void normaliseBlocks(float[] hist, int cellRows, int cellCols, double[] out, int offset) {
        int bs = cfg.blockSize(), nb = cfg.orientations();
        int blockLen = bs * bs * nb;
        int o = offset;
        for (int br = 0; br + bs <= cellRows; br++) {
            for (int bc = 0; bc + bs <= cellCols; bc++) {
                int start = o;
                double ss = 0;
                for (int r = 0; r < bs; r++) {
                    for (int c = 0; c < bs; c++) {
                        int h = ((br + r) * cellCols + bc + c) * nb;
                        for (int b = 0; b < nb; b++) {
                            double v = hist[h + b];
                            out[o++] = v;
                            ss += v * v;
                        }
                    }
                }
                double norm = Math.sqrt(ss + EPS2);
                double ss2 = 0;
                for (int i = start; i < start + blockLen; i++) {
                    double v = Math.min(out[i] / norm, 0.2);
                    out[i] = v;
                    ss2 += v * v;
                }
                double norm2 = Math.sqrt(ss2 + EPS2);
                for (int i = start; i < start + blockLen; i++) out[i] /= norm2;
            }
        }
    }
}
