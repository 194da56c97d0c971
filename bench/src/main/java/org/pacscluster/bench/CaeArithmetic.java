package org.pacscluster.bench;

import org.pacscluster.deep.CaeConfig;

/**
 * The arithmetic of one CAE training step, counted from the network's shape, to say how close a measured speed is to
 * what the machine could do. A 3×3 conv producing C_out maps of side s from C_in maps costs 9·s²·C_in·C_out
 * multiply-adds per image forward; its backward costs as much again for the weight gradient and again for the input
 * gradient (none for the first conv, whose input is the image); 2 FLOP per multiply-add. Pooling, ReLU, upsampling and
 * Adam are left out: they move memory, they do little arithmetic.
 */
record CaeArithmetic(double forwardMacs, double trainingFlops) {

    /** Counted for {@code cfg}; {@code outputChannels} is the output conv's width as run (1, or 16 where padded). */
    static CaeArithmetic of(CaeConfig cfg, int outputChannels) {
        int[] f = cfg.filters();
        double forward = 0, training = 0;
        int side = cfg.inputSize(), in = 1;
        for (int i = 0; i < f.length; i++) {          // encoder: conv at the block's input side, then pool
            double macs = 9.0 * side * side * in * f[i];
            forward += macs;
            training += macs * (i == 0 ? 2 : 3);
            in = f[i];
            side /= 2;
        }
        double dense = 2.0 * cfg.flatSize() * cfg.latent();   // to and from the embedding
        forward += dense;
        training += 3 * dense;
        in = f[f.length - 1];
        for (int i = 0; i < f.length; i++) {          // decoder: upsample, then conv at the doubled side
            side *= 2;
            int out = i == f.length - 1 ? outputChannels : f[f.length - 2 - i];
            double macs = 9.0 * side * side * in * out;
            forward += macs;
            training += 3 * macs;
            in = out;
        }
        return new CaeArithmetic(forward, 2 * training);
    }

    /**
     * The fp32 peak of {@code cores} cores at {@code ghz}: two FMA units per core, each {@code lanes} fp32 wide
     * (16 with AVX-512, 8 with AVX2), two FLOP per FMA. Turbo and thermal limits make the real ceiling lower.
     */
    static double peakFlops(int cores, double ghz, int lanes) {
        return cores * ghz * 1e9 * 2 * lanes * 2;
    }
}
