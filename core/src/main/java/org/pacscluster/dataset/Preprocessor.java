package org.pacscluster.dataset;

/**
 * SPEC step 2: resize keeping the aspect ratio so the longer side is S, centre on an S×S canvas, scale to [0,1].
 *
 * <p>Resizing is bilinear with PIL's antialiasing (a triangle filter widened by the downscale factor), so a
 * 3000-pixel mammogram shrunk to 256 averages its pixels instead of sampling every twelfth one; when enlarging it
 * is plain bilinear interpolation with pixel centres at +0.5 (as PIL, OpenCV and PyTorch's align_corners=False).
 *
 * <p>The min–max scaling uses the image's own pixels, and the padding is 0 (black) after scaling. Scaling the
 * padded canvas instead would let the padding's 0 take part in the minimum: for CT in Hounsfield units (−1024…3000)
 * the padding would come out mid-grey. For square images (no padding) the two orders are identical.
 * A constant image becomes all 0.
 *
 * <p>A frame decoded at reduced resolution (JPEG 2000 without its finest wavelet levels, {@code halvings} > 0) is
 * resized from its halved grid with the full image's geometry: sample k of a grid halved h times is the low-pass
 * value centred on full-resolution pixel 2^h·k, not on the middle of the 2^h pixels it stands for, so the kernel
 * places it there; without that the image shifts by (2^h − 1)/2 pixels, which was most of the difference from
 * decoding in full (docs/dicom.md).
 */
public final class Preprocessor {
    private final int size;

    public Preprocessor(int size) {
        if (size < 8 || size > 4096) throw new IllegalArgumentException("image size must be in 8..4096, got " + size);
        this.size = size;
    }

    public int size() { return size; }

    /** Preprocesses one rows×cols grey image (any value range) into a new S×S array in [0,1]. */
    public float[] apply(float[] pixels, int rows, int cols) {
        return apply(pixels, rows, cols, 0);
    }

    /**
     * Preprocesses a rows×cols grey image given at full resolution ({@code halvings} 0) or as the grid of a decode
     * that halved both sides {@code halvings} times, rounding up ({@link #halved}).
     */
    public float[] apply(float[] pixels, int rows, int cols, int halvings) {
        if (rows <= 0 || cols <= 0) throw new IllegalArgumentException("empty image " + rows + "x" + cols);
        if (halvings < 0 || halvings > 30) throw new IllegalArgumentException("halvings " + halvings + " outside 0..30");
        int outW, outH;
        if (cols >= rows) {
            outW = size;
            outH = Math.max(1, (int) Math.round((double) rows * size / cols));
        } else {
            outH = size;
            outW = Math.max(1, (int) Math.round((double) cols * size / rows));
        }
        float[] resized = halvings == 0 ? resize(pixels, rows, cols, outH, outW)
                : resizeHalved(pixels, rows, cols, halvings, outH, outW);
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (float v : resized) {
            if (v < min) min = v;
            if (v > max) max = v;
        }
        float[] out = new float[size * size];
        int top = (size - outH) / 2, left = (size - outW) / 2;
        // constant image → all 0; the tolerance absorbs the float rounding of the resize weights
        if (!(max - min > 1e-5f * Math.max(1f, Math.max(Math.abs(max), Math.abs(min))))) return out;
        float inv = 1f / (max - min);
        for (int y = 0; y < outH; y++) {
            int src = y * outW, dst = (top + y) * size + left;
            for (int x = 0; x < outW; x++) {
                float v = (resized[src + x] - min) * inv;
                out[dst + x] = v != v ? 0f : v;
            }
        }
        return out;
    }

    /** A side of {@code full} pixels halved {@code halvings} times, rounding up (as JPEG 2000's resolution levels). */
    public static int halved(int full, int halvings) {
        return (int) ((full + (1L << halvings) - 1) >> halvings);
    }

    /** Separable antialiased bilinear resize of a rows×cols image to outH×outW. */
    static float[] resize(float[] src, int rows, int cols, int outH, int outW) {
        if (rows == outH && cols == outW) return src.clone();
        return resize(src, rows, cols, outH, outW, (double) rows / outH, (double) cols / outW, 0.5);
    }

    /** Resizes the grid of a rows×cols image halved {@code halvings} times to outH×outW (see the class comment). */
    static float[] resizeHalved(float[] grid, int rows, int cols, int halvings, int outH, int outW) {
        double f = 1 << halvings;
        return resize(grid, halved(rows, halvings), halved(cols, halvings), outH, outW, rows / f / outH, cols / f / outW,
                0.5 / f);
    }

    /**
     * The resize with the input pixels per output pixel given ({@code scaleY}, {@code scaleX}) and input pixel i
     * centred at i + {@code centre} (0.5 for an ordinary grid).
     */
    private static float[] resize(float[] src, int rows, int cols, int outH, int outW, double scaleY, double scaleX,
                                  double centre) {
        if (src.length != rows * cols) throw new IllegalArgumentException(src.length + " pixels for " + rows + "x" + cols);
        Kernel kx = Kernel.of(cols, outW, scaleX, centre), ky = Kernel.of(rows, outH, scaleY, centre);
        float[] tmp = new float[rows * outW];
        for (int y = 0; y < rows; y++) {
            int base = y * cols, obase = y * outW;
            for (int x = 0; x < outW; x++) {
                int s = kx.start[x];
                float[] w = kx.weights[x];
                double acc = 0;
                for (int i = 0; i < w.length; i++) acc += w[i] * src[base + s + i];
                tmp[obase + x] = (float) acc;
            }
        }
        float[] out = new float[outH * outW];
        for (int y = 0; y < outH; y++) {
            int s = ky.start[y];
            float[] w = ky.weights[y];
            int obase = y * outW;
            for (int i = 0; i < w.length; i++) {
                float wi = w[i];
                int row = (s + i) * outW;
                for (int x = 0; x < outW; x++) out[obase + x] += wi * tmp[row + x];
            }
        }
        return out;
    }

    /** For each output index: the first input index and the normalised triangle weights of its inputs. */
    record Kernel(int[] start, float[][] weights) {
        /** {@code scale} input pixels per output pixel; input pixel i centred at i + {@code inputCentre}. */
        static Kernel of(int in, int out, double scale, double inputCentre) {
            double support = Math.max(1.0, scale);      // triangle radius in input pixels
            int[] start = new int[out];
            float[][] weights = new float[out][];
            for (int o = 0; o < out; o++) {
                double centre = (o + 0.5) * scale;
                int lo = Math.max(0, (int) Math.floor(centre - support));
                int hi = Math.min(in - 1, (int) Math.ceil(centre + support));
                double[] w = new double[hi - lo + 1];
                double sum = 0;
                for (int i = lo; i <= hi; i++) {
                    double t = 1 - Math.abs((i + inputCentre - centre) / support);
                    w[i - lo] = t > 0 ? t : 0;
                    sum += w[i - lo];
                }
                // trim zero weights at both ends so the inner loops stay short
                int a = 0, b = w.length - 1;
                while (a < b && w[a] == 0) a++;
                while (b > a && w[b] == 0) b--;
                float[] f = new float[b - a + 1];
                for (int i = a; i <= b; i++) f[i - a] = (float) (w[i] / sum);
                start[o] = lo + a;
                weights[o] = f;
            }
            return new Kernel(start, weights);
        }
    }
}
