package org.pacscluster.deep;

import java.util.SplittableRandom;

/**
 * Applies an {@link AugmentConfig} to square grey images (S×S floats in [0, 1], row-major, packed one after the
 * other as a training batch is): a random affine map — rotation about the image centre, scale, shift, and an
 * optional left–right mirror — sampled bilinearly with zero outside the image, then an intensity gain and offset
 * clipped to [0, 1]. Pure Java, so it can run on the batch-preparing thread.
 *
 * <p>Deterministic: the parameters of a batch come from one {@link SplittableRandom} seeded by
 * {@link #batchSeed}(seed, epoch, batch index), drawn image by image in batch order. A batch therefore gets the same
 * transforms whichever thread prepares it and whenever, and a resumed run (which restarts at an epoch) sees the
 * same ones as an uninterrupted run.
 *
 * <p>Coordinates: pixel centres sit at integers 0…S−1 and the image centre at ((S−1)/2, (S−1)/2); x grows to the
 * right and y downwards, so a positive angle turns the image clockwise as displayed.
 */
public final class ImageAugmenter {
    /** Inverse-mapped coordinates this close to an integer are taken as that integer (see {@link #apply}). */
    static final double SNAP = 1e-9;

    /**
     * One image's transform: the content is mirrored left–right (when {@code flip}), turned by {@code degrees}
     * about the centre, scaled by {@code scale} about the centre and moved by ({@code shiftX}, {@code shiftY})
     * pixels; then each pixel v becomes clip(gain·v + offset, 0, 1).
     */
    public record Transform(double degrees, double scale, double shiftX, double shiftY, boolean flip, double gain,
                            double offset) {
        /** Leaves every image as it is. */
        public static final Transform IDENTITY = new Transform(0, 1, 0, 0, false, 1, 0);

        public Transform {
            if (!(scale > 0) || Double.isInfinite(scale)) throw new IllegalArgumentException("scale must be positive, got " + scale);
        }
    }

    private final AugmentConfig cfg;
    private final int side;

    /** Transforms S×S images ({@code side} = S) as {@code cfg} says. */
    public ImageAugmenter(AugmentConfig cfg, int side) {
        if (cfg == null) throw new IllegalArgumentException("augmentation settings are required");
        if (side < 1) throw new IllegalArgumentException("image side must be positive, got " + side);
        this.cfg = cfg;
        this.side = side;
    }

    public AugmentConfig config() { return cfg; }

    /**
     * Draws one image's transform. Every parameter is drawn whether or not its range is 0, so that switching one
     * transform on or off leaves the values the others draw unchanged.
     */
    public Transform draw(SplittableRandom rng) {
        double degrees = symmetric(rng, cfg.maxRotation());
        double scale = 1 + symmetric(rng, cfg.maxScale());
        double shiftX = symmetric(rng, cfg.maxShift()) * side, shiftY = symmetric(rng, cfg.maxShift()) * side;
        boolean flip = rng.nextBoolean() && cfg.flips();
        double gain = 1 + symmetric(rng, cfg.maxGain());
        double offset = symmetric(rng, cfg.maxOffset());
        return new Transform(degrees, scale, shiftX, shiftY, flip, gain, offset);
    }

    /** Uniform in [−max, max]; exactly 0 when max is 0. */
    private static double symmetric(SplittableRandom rng, double max) {
        return (2 * rng.nextDouble() - 1) * max;
    }

    /**
     * Transformed copies of the {@code n} images packed in {@code images}, with transforms drawn from a generator
     * seeded by {@code seed} (use {@link #batchSeed}); {@code images} is not changed.
     */
    public float[] augment(float[] images, int n, long seed) {
        int pixels = side * side;
        if (images.length != n * pixels) {
            throw new IllegalArgumentException(images.length + " values for " + n + " images of " + side + "²");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        float[] out = new float[images.length];
        for (int i = 0; i < n; i++) apply(draw(rng), images, i * pixels, out, i * pixels);
        return out;
    }

    /**
     * Writes image {@code src[srcOffset…]} transformed by {@code t} into {@code dst[dstOffset…]}. Each output pixel
     * is read from the source point the inverse map sends it to, by bilinear interpolation where neighbours
     * outside the image count as 0. Source points within {@value #SNAP} of an integer are snapped to it, so that
     * transforms that should land on pixel centres (integer shifts, quarter turns, whose cosine is 6e-17 and not 0
     * in floating point) copy pixels exactly.
     */
    public void apply(Transform t, float[] src, int srcOffset, float[] dst, int dstOffset) {
        double c = (side - 1) / 2.0;
        double rad = Math.toRadians(t.degrees());
        double cos = Math.cos(rad) / t.scale(), sin = Math.sin(rad) / t.scale();
        double mirror = t.flip() ? -1 : 1;
        for (int qy = 0; qy < side; qy++) {
            double dy = qy - c - t.shiftY();
            for (int qx = 0; qx < side; qx++) {
                double dx = qx - c - t.shiftX();
                // inverse of q = c + s·R(θ)·(mirror(p) − c) + shift
                double px = c + mirror * (cos * dx + sin * dy), py = c + (-sin * dx + cos * dy);
                double v = bilinear(src, srcOffset, snap(px), snap(py));
                dst[dstOffset + qy * side + qx] = (float) Math.min(1, Math.max(0, t.gain() * v + t.offset()));
            }
        }
    }

    private static double snap(double v) {
        double r = Math.rint(v);
        return Math.abs(v - r) < SNAP ? r : v;
    }

    private double bilinear(float[] src, int offset, double x, double y) {
        double fx0 = Math.floor(x), fy0 = Math.floor(y);
        if (fx0 < -1 || fy0 < -1 || fx0 >= side || fy0 >= side) return 0;
        int x0 = (int) fx0, y0 = (int) fy0;
        double wx = x - x0, wy = y - y0;
        double top = (1 - wx) * at(src, offset, x0, y0) + wx * at(src, offset, x0 + 1, y0);
        double bottom = (1 - wx) * at(src, offset, x0, y0 + 1) + wx * at(src, offset, x0 + 1, y0 + 1);
        return (1 - wy) * top + wy * bottom;
    }

    private double at(float[] src, int offset, int x, int y) {
        return x < 0 || y < 0 || x >= side || y >= side ? 0 : src[offset + y * side + x];
    }

    /**
     * The seed of batch {@code batch} of epoch {@code epoch} in a run seeded by {@code seed}: a hash of the three,
     * so that neighbouring batches and epochs get unrelated streams.
     */
    public static long batchSeed(long seed, int epoch, int batch) {
        long h = mix64(seed + 0x9E3779B97F4A7C15L);
        h = mix64(h ^ (0xC2B2AE3D27D4EB4FL * (epoch + 1L)));
        return mix64(h ^ (0x165667B19E3779F9L * (batch + 1L)));
    }

    /** MurmurHash3's 64-bit finaliser. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB93FE5A9CA63L;
        return z ^ (z >>> 33);
    }
}
