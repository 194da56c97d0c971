package org.pacscluster.embed;

/**
 * Settings of the HOG descriptor. Defaults are the paper's and the spec's: 9 unsigned orientation bins, 8×8-pixel
 * cells, blocks of 2×2 cells moved one cell at a time, L2-Hys block normalisation (scikit-image's only variant here).
 *
 * @param orientations orientation bins over 0–180°
 * @param cellSize     pixels per cell side
 * @param blockSize    cells per block side
 */
public record HogConfig(int orientations, int cellSize, int blockSize) {
    public HogConfig {
        if (orientations < 1 || orientations > 180) throw new IllegalArgumentException("HOG orientations must be 1..180, got " + orientations);
        if (cellSize < 1) throw new IllegalArgumentException("HOG cell size must be at least 1 pixel, got " + cellSize);
        if (blockSize < 1) throw new IllegalArgumentException("HOG block size must be at least 1 cell, got " + blockSize);
    }

    public static HogConfig defaults() { return new HogConfig(9, 8, 2); }

    /** Length of the descriptor of a rows × cols image; an image smaller than one block is refused. */
    public int length(int rows, int cols) {
        int cr = rows / cellSize, cc = cols / cellSize;
        if (cr < blockSize || cc < blockSize) {
            throw new IllegalArgumentException("image " + rows + "x" + cols + " is smaller than one HOG block ("
                    + blockSize * cellSize + " pixels)");
        }
        return (cr - blockSize + 1) * (cc - blockSize + 1) * blockSize * blockSize * orientations;
    }
}
