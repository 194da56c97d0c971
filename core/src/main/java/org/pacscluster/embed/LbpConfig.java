package org.pacscluster.embed;

/**
 * Settings of the LBP descriptor: codes as scikit-image's {@code local_binary_pattern(image, P, R, method)},
 * then one histogram per cell of {@code cellSize}² pixels (frequencies, summing to 1), concatenated row by row.
 *
 * <p><b>Why {@link Variant#UNIFORM} is the default.</b> The paper gives P=8, R=1 and 16×16 cells but not the
 * variant. With the 256-code default, each 16×16 cell spreads 256 pixels over 256 bins, so its histogram is
 * mostly zeros and noise, and the descriptor is 16 × 256 = 4,096-dimensional at 64² (65,536 at 256²), which makes
 * Euclidean k-means both slow and dominated by that noise. The uniform variant (P+2 = 10 bins: the number of set
 * bits for patterns with at most two 0/1 transitions, one bin for all others) keeps the edge, corner, flat-spot
 * structure that carries most texture information (Ojala et al. 2002: uniform patterns are ~90% of all patterns
 * in real textures), is invariant to rotation, and gives 160 dimensions at 64² with well-filled histograms.
 * {@link Variant#DEFAULT} stays available for comparison.
 *
 * @param points   P, neighbours on the circle
 * @param radius   R, circle radius in pixels
 * @param cellSize pixels per side of a histogram cell
 * @param variant  code variant
 */
public record LbpConfig(int points, double radius, int cellSize, Variant variant) {
    /** scikit-image's method names. */
    public enum Variant {
        /** 2^P codes: bit i set when neighbour i ≥ centre. */
        DEFAULT,
        /** P+2 codes: number of set bits for uniform patterns (≤ 2 transitions), P+1 for the rest. */
        UNIFORM;

        public static Variant parse(String s) {
            return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "default" -> DEFAULT;
                case "uniform" -> UNIFORM;
                default -> throw new IllegalArgumentException("unknown LBP variant '" + s + "' (expected default or uniform)");
            };
        }
    }

    public LbpConfig {
        if (points < 1 || points > 24) throw new IllegalArgumentException("LBP points must be 1..24, got " + points);
        if (!(radius > 0) || radius > 16) throw new IllegalArgumentException("LBP radius must be in (0, 16], got " + radius);
        if (cellSize < 1) throw new IllegalArgumentException("LBP cell size must be at least 1 pixel, got " + cellSize);
        if (variant == null) throw new IllegalArgumentException("LBP variant is required");
    }

    public static LbpConfig defaults() { return new LbpConfig(8, 1, 16, Variant.UNIFORM); }

    /** Histogram bins per cell. */
    public int bins() { return variant == Variant.UNIFORM ? points + 2 : 1 << points; }

    /** Descriptor length for a rows × cols image. */
    public int length(int rows, int cols) {
        int cells = (rows / cellSize) * (cols / cellSize);
        if (cells == 0) throw new IllegalArgumentException("image " + rows + "x" + cols + " is smaller than one LBP cell (" + cellSize + " pixels)");
        return cells * bins();
    }
}
