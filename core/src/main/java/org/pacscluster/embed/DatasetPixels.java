package org.pacscluster.embed;

import org.pacscluster.dataset.Dataset;

/**
 * Reads dataset images back as the exact stored quantisation levels q (0..2^bits−1) or as q / (2^bits−1) in double
 * precision, from the stored bytes ({@link Dataset#readLevels}): the dataset's float32 values would otherwise shift
 * gradients and LBP comparisons in the last bits against what scikit-image computes from the same 8-bit pixels.
 */
final class DatasetPixels implements RowSource {
    private final Dataset data;
    private final int[] rows;
    private final double maxLevel;
    private final boolean levels;

    /** Rows of {@code data} as pixel vectors; {@code levels} = raw levels, else scaled to [0, 1]. */
    DatasetPixels(Dataset data, int[] rows, boolean levels) {
        this.data = data;
        this.rows = rows;
        this.maxLevel = (1 << data.manifest().bitsPerPixel()) - 1;
        this.levels = levels;
    }

    @Override public int rows() { return rows.length; }

    @Override public int dimension() { return data.pixelsPerImage(); }

    @Override
    public void read(int i, double[] dst) {
        data.readLevels(rows[i], dst, 0);
        if (levels) return;
        int n = data.pixelsPerImage();
        for (int p = 0; p < n; p++) dst[p] /= maxLevel;
    }
}
