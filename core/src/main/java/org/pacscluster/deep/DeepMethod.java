package org.pacscluster.deep;

import java.util.Locale;

/** The three CAE-based methods: what happens after the autoencoder is pre-trained. */
public enum DeepMethod {
    /** k-means (n_init restarts) on the pre-trained embedding; nothing is fine-tuned. */
    CAE(0),
    /** DEC on the CAE encoder: the encoder and the centres minimise KL(P‖Q) only. */
    CDEC(0),
    /** IDEC on the CAE: KL(P‖Q) plus the reconstruction MSE, which keeps the embedding faithful to the images. */
    CIDEC(1);

    private final double reconstructionWeight;

    DeepMethod(double reconstructionWeight) { this.reconstructionWeight = reconstructionWeight; }

    /** β of the paper's L = α·KL + β·MSE. */
    public double reconstructionWeight() { return reconstructionWeight; }

    public boolean finetunes() { return this != CAE; }

    public String label() { return name().toLowerCase(Locale.ROOT); }

    public static DeepMethod parse(String s) {
        for (DeepMethod m : values()) if (m.label().equalsIgnoreCase(s.trim())) return m;
        throw new IllegalArgumentException("unknown method '" + s + "' (expected cae, cdec or cidec)");
    }
}
