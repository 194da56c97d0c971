package org.pacscluster.embed;

/**
 * Rows of a data matrix read one at a time, so that a fit can stream a dataset that does not fit in memory.
 * Implementations must allow concurrent {@link #read} calls.
 */
public interface RowSource {
    int rows();

    int dimension();

    /** Copies row {@code i} into {@code dst} (length {@link #dimension()}). */
    void read(int i, double[] dst);

    /** An in-memory matrix (rows are not copied). */
    static RowSource of(double[][] x) {
        int d = x.length == 0 ? 0 : x[0].length;
        return new RowSource() {
            @Override public int rows() { return x.length; }
            @Override public int dimension() { return d; }
            @Override public void read(int i, double[] dst) { System.arraycopy(x[i], 0, dst, 0, d); }
        };
    }
}
