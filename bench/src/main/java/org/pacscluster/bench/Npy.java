package org.pacscluster.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Writes little-endian float32 arrays as NumPy {@code .npy} (format 1.0), the exchange format with the Python side. */
public final class Npy {
    private Npy() {}

    /** Writes {@code data} (row-major) with the given shape. */
    public static void writeFloat32(Path file, float[] data, int... shape) throws IOException {
        long count = 1;
        for (int s : shape) count *= s;
        if (count != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " + data.length + " values");
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(header(shape));
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : data) {
                if (!buf.hasRemaining()) { out.write(buf.array(), 0, buf.position()); buf.clear(); }
                buf.putFloat(v);
            }
            out.write(buf.array(), 0, buf.position());
        }
    }

    /** Writes the rows of {@code rows} (all of one length) as an (n, d) float32 array. */
    public static void writeFloat32(Path file, double[][] rows) throws IOException {
        int d = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) throw new IllegalArgumentException("ragged rows");
            for (int j = 0; j < d; j++) flat[i * d + j] = (float) rows[i][j];
        }
        writeFloat32(file, flat, rows.length, d);
    }

    static byte[] header(int... shape) {
        String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        if (shape.length == 1) dims += ",";
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = 10 + dict.length() + 1;                  // magic(6) + version(2) + length(2) + dict + '\n'
        int total = (unpadded + 63) / 64 * 64;
        String padded = dict + " ".repeat(total - unpadded) + "\n";
        byte[] text = padded.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(10 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) text.length).put(text);
        return b.array();
    }
}
