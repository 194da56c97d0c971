package org.pacscluster.embed;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.stream.IntStream;

/**
 * A fitted PCA: the training mean, the leading principal axes (unit rows, sign fixed so that each axis's largest
 * entry is positive), singular values of the centred training matrix and the explained-variance ratios
 * (variance along each axis over the total variance of all features, as scikit-learn's
 * {@code explained_variance_ratio_}).
 */
public record PcaModel(double[] mean, double[][] components, double[] singularValues, double[] explainedVarianceRatio,
                       int trainRows) {

    public int dimension() { return mean.length; }

    /** Sum of the explained-variance ratios of the kept components. */
    public double explainedVariance() {
        double s = 0;
        for (double r : explainedVarianceRatio) s += r;
        return s;
    }

    /** Projects each row of {@code src} onto the components. */
    public double[][] transform(RowSource src) {
        if (src.dimension() != mean.length) {
            throw new IllegalArgumentException("PCA was fitted on " + mean.length + " features, input has " + src.dimension());
        }
        double[][] out = new double[src.rows()][components.length];
        // one row buffer per thread, not per image: a 4,096-double row per 64² image was ~2 GB of garbage over
        // MedNIST, which made G1 grow the heap with N (docs/BENCHMARKS.md, Memory)
        ThreadLocal<double[]> buffer = ThreadLocal.withInitial(() -> new double[mean.length]);
        IntStream.range(0, src.rows()).parallel().forEach(i -> {
            double[] x = buffer.get();
            src.read(i, x);
            for (int j = 0; j < x.length; j++) x[j] -= mean[j];
            for (int r = 0; r < components.length; r++) out[i][r] = PcaFit.dot(x, components[r]);
        });
        return out;
    }

    void write(OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(os));
        out.writeInt(mean.length);
        out.writeInt(components.length);
        out.writeInt(trainRows);
        for (double v : mean) out.writeDouble(v);
        for (double[] c : components) for (double v : c) out.writeDouble(v);
        for (double v : singularValues) out.writeDouble(v);
        for (double v : explainedVarianceRatio) out.writeDouble(v);
        out.flush();
    }

    static PcaModel read(InputStream is) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(is));
        int d = in.readInt(), k = in.readInt(), n = in.readInt();
        if (d < 1 || k < 1 || k > d) throw new IOException("PCA state is damaged (d=" + d + ", k=" + k + ")");
        double[] mean = new double[d];
        for (int j = 0; j < d; j++) mean[j] = in.readDouble();
        double[][] comp = new double[k][d];
        for (double[] c : comp) for (int j = 0; j < d; j++) c[j] = in.readDouble();
        double[] s = new double[k], r = new double[k];
        for (int i = 0; i < k; i++) s[i] = in.readDouble();
        for (int i = 0; i < k; i++) r[i] = in.readDouble();
        return new PcaModel(mean, comp, s, r, n);
    }
}
