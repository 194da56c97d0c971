package org.pacscluster.embed;

/**
 * Concatenated per-cell LBP code histograms ({@link Lbp}) computed on the stored integer levels (0..255 for 8-bit
 * datasets), as scikit-image is usually fed uint8 images; see {@link LbpConfig} for the choice of variant.
 */
public final class LbpEmbedder extends DescriptorEmbedder {
    private final LbpConfig cfg;
    private final ThreadLocal<Lbp> lbp;
    private final ThreadLocal<int[]> codes = ThreadLocal.withInitial(() -> new int[0]);

    public LbpEmbedder(LbpConfig cfg) {
        this.cfg = cfg;
        this.lbp = ThreadLocal.withInitial(() -> new Lbp(cfg));
    }

    @Override public String name() { return "lbp"; }


    @Override int length(int size) { return cfg.length(size, size); }

    @Override boolean rawLevels() { return true; }

    @Override
    void describe(double[] img, int size, double[] out) {
        int[] c = codes.get();
        if (c.length != size * size) { c = new int[size * size]; codes.set(c); }
        Lbp l = lbp.get();
        l.codes(img, size, size, c);
        l.histograms(c, size, size, out, 0);
    }
}
