package org.pacscluster.embed;

/**
 * The pixels themselves, scaled to [0, 1], as the feature vector: k-means on raw pixels, the baseline every deep
 * clustering paper starts from (DEC's Table 2). Nothing to learn; S² features for S×S images.
 */
public final class PixelEmbedder extends DescriptorEmbedder {
    @Override public String name() { return "pixels"; }

    @Override int length(int size) { return size * size; }

    @Override boolean rawLevels() { return false; }

    @Override void describe(double[] img, int size, double[] out) { System.arraycopy(img, 0, out, 0, size * size); }
}
