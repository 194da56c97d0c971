package org.pacscluster.embed;

/** HOG descriptors ({@link Hog}) of the images scaled to [0, 1], as scikit-image is fed value/255. */
public final class HogEmbedder extends DescriptorEmbedder {
    private final HogConfig cfg;
    private final ThreadLocal<Hog> hog;

    public HogEmbedder(HogConfig cfg) {
        this.cfg = cfg;
        this.hog = ThreadLocal.withInitial(() -> new Hog(cfg));
    }

    @Override public String name() { return "hog"; }


    @Override int length(int size) { return cfg.length(size, size); }

    @Override boolean rawLevels() { return false; }

    @Override void describe(double[] img, int size, double[] out) { hog.get().compute(img, size, size, out, 0); }
}
