package org.pacscluster.deep;

import java.util.Locale;
import org.pacscluster.io.InvalidSettingException;

/**
 * How training images are randomly transformed for augmentation-based deep clustering (DEC-DA, Guo et al., ACML
 * 2018): the network sees a transformed copy of each image while the reconstruction target and the clustering
 * target P come from the original, so the embedding learns to ignore small shifts, turns and intensity changes.
 * Every transform is drawn uniformly from a symmetric range; a range of 0 switches that transform off, and
 * {@link #none()} (all 0) is training without augmentation, exactly as before the option existed.
 * {@link ImageAugmenter} applies it; validated when built.
 *
 * @param maxShift    largest shift along each axis, as a fraction of the image side (0.1 = up to 10% of S pixels
 *                    left/right and, independently, up/down); in [0, 0.5)
 * @param maxRotation largest rotation about the image centre, in degrees, either way; in [0, 180]
 * @param maxScale    largest zoom change as a fraction: the scale factor lies in [1 − maxScale, 1 + maxScale];
 *                    in [0, 0.5]
 * @param maxGain     largest intensity gain change as a fraction: pixels are multiplied by a factor in
 *                    [1 − maxGain, 1 + maxGain]; in [0, 1)
 * @param maxOffset   largest intensity offset, as a fraction of the full grey range [0, 1], added after the gain;
 *                    the result is clipped to [0, 1]; in [0, 1)
 * @param flips       mirror half of the images left–right. Off in every preset: laterality matters in radiology
 *                    (a left hand or a situs inversus chest is not its mirror image)
 */
public record AugmentConfig(double maxShift, double maxRotation, double maxScale, double maxGain, double maxOffset,
                            boolean flips) {
    /** The preset names {@link #preset} accepts. */
    public static final String PRESETS = "radiology, dec-da, none";

    public AugmentConfig {
        requireRange("maxShift", maxShift, 0, 0.5, false);
        requireRange("maxRotation", maxRotation, 0, 180, true);
        requireRange("maxScale", maxScale, 0, 0.5, true);
        requireRange("maxGain", maxGain, 0, 1, false);
        requireRange("maxOffset", maxOffset, 0, 1, false);
    }

    private static void requireRange(String name, double v, double lo, double hi, boolean hiIncluded) {
        if (!(v >= lo && (hiIncluded ? v <= hi : v < hi))) {
            throw new InvalidSettingException(name, "must be in [" + fmt(lo) + ", " + fmt(hi) + (hiIncluded ? "]" : ")")
                    + ", got " + v);
        }
    }

    /** No augmentation: training is exactly the un-augmented paper protocol. */
    public static AugmentConfig none() { return new AugmentConfig(0, 0, 0, 0, 0, false); }

    /**
     * Small transforms that keep a radiograph plausible: shift up to 6% of the side, rotation up to 10°, zoom ±5%,
     * intensity gain ±5% and offset ±0.05 (window/level differences between scanners); no flips.
     */
    public static AugmentConfig radiology() { return new AugmentConfig(0.06, 10, 0.05, 0.05, 0.05, false); }

    /**
     * DEC-DA's setting for MNIST (its code: Keras {@code ImageDataGenerator(width_shift_range=0.1,
     * height_shift_range=0.1, rotation_range=10)}): shift up to 10% of the side, rotation up to 10°, nothing else.
     */
    public static AugmentConfig decDa() { return new AugmentConfig(0.1, 10, 0, 0, 0, false); }

    /** The preset called {@code name}: "radiology", "dec-da" or "none" (case and spaces ignored). */
    public static AugmentConfig preset(String name) {
        String s = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "radiology" -> radiology();
            case "dec-da", "decda" -> decDa();
            case "none", "off" -> none();
            default -> throw new InvalidSettingException("augment", "must be one of " + PRESETS + ", got '" + name + "'");
        };
    }

    /** Whether any transform is on; when not, training takes the un-augmented path. */
    public boolean enabled() {
        return maxShift > 0 || maxRotation > 0 || maxScale > 0 || maxGain > 0 || maxOffset > 0 || flips;
    }

    public AugmentConfig withMaxShift(double v) { return new AugmentConfig(v, maxRotation, maxScale, maxGain, maxOffset, flips); }
    public AugmentConfig withMaxRotation(double v) { return new AugmentConfig(maxShift, v, maxScale, maxGain, maxOffset, flips); }
    public AugmentConfig withMaxScale(double v) { return new AugmentConfig(maxShift, maxRotation, v, maxGain, maxOffset, flips); }
    public AugmentConfig withMaxGain(double v) { return new AugmentConfig(maxShift, maxRotation, maxScale, v, maxOffset, flips); }
    public AugmentConfig withMaxOffset(double v) { return new AugmentConfig(maxShift, maxRotation, maxScale, maxGain, v, flips); }
    public AugmentConfig withFlips(boolean v) { return new AugmentConfig(maxShift, maxRotation, maxScale, maxGain, maxOffset, v); }

    /** "shift 0.1 rotation 10° scale 0 gain 0 offset 0 flips no", or "none"; part of the trainers' resume keys. */
    public String describe() {
        if (!enabled()) return "none";
        return String.format(Locale.ROOT, "shift %s rotation %s° scale %s gain %s offset %s flips %s", fmt(maxShift),
                fmt(maxRotation), fmt(maxScale), fmt(maxGain), fmt(maxOffset), flips ? "yes" : "no");
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }
}
