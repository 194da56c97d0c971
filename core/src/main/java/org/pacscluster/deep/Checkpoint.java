package org.pacscluster.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pacscluster.io.AtomicFiles;

/**
 * The file format of training checkpoints (pre-training and fine-tuning): a JSON header (a record saying where the
 * run stands) and then the arrays (weights, Adam's m and v, ...) as one DJL NDList, written atomically so that a
 * crash leaves the previous checkpoint intact.
 */
final class Checkpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAGIC = 0x50434b31; // "PCK1"
    static final String BEST_PREFIX = "best:";

    private Checkpoint() {}

    /** Writes {@code header} (a record, as JSON) and {@code arrays} atomically. */
    static void write(Path file, Object header, NDList arrays) throws IOException {
        byte[] json = JSON.writeValueAsBytes(header);
        AtomicFiles.write(file, out -> {
            DataOutputStream d = new DataOutputStream(out);
            d.writeInt(MAGIC);
            d.writeInt(json.length);
            d.write(json);
            d.flush();
            arrays.encode(out);
        });
    }

    /** A checkpoint header: where a run stands, and the key of the settings and data it was made with. */
    interface Header {
        String resumeKey();
    }

    /** The header and arrays of a checkpoint file. */
    record Loaded<T>(T header, NDList arrays) {}

    /**
     * The checkpoint a run continues from: null when {@code file} is null or does not exist yet; refused when it
     * was made with another {@code resumeKey}, since continuing it would mix two runs.
     */
    static <T extends Header> Loaded<T> resume(Path file, Class<T> headerType, String resumeKey, NDManager manager)
            throws IOException {
        if (file == null || !Files.exists(file)) return null;
        Loaded<T> c = read(file, headerType, manager);
        if (!c.header().resumeKey().equals(resumeKey)) {
            throw new IllegalArgumentException("checkpoint " + file + " was made with other settings ("
                    + c.header().resumeKey() + "); delete it or use the same settings");
        }
        return c;
    }

    static <T> Loaded<T> read(Path file, Class<T> headerType, NDManager manager) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            DataInputStream d = new DataInputStream(in);
            if (d.readInt() != MAGIC) throw new IllegalArgumentException(file + " is not a pacscluster checkpoint");
            try {
                int n = d.readInt();
                if (n < 0 || n > Files.size(file)) throw new java.io.EOFException();
                byte[] json = d.readNBytes(n);
                T header = JSON.readValue(new String(json, StandardCharsets.UTF_8), headerType);
                return new Loaded<>(header, NDList.decode(manager, in));
            } catch (IOException | RuntimeException e) {
                throw org.pacscluster.io.DamagedFile.of(file, e);   // "Invalid NDList size" names neither
            }
        }
    }

    /** The values of the arrays whose names start with {@code prefix}, keyed by the rest of the name. */
    static Map<String, float[]> withPrefix(NDList arrays, String prefix) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (NDArray a : arrays) {
            if (a.getName() != null && a.getName().startsWith(prefix)) {
                out.put(a.getName().substring(prefix.length()), a.toFloatArray());
            }
        }
        return out;
    }

    /** The array named {@code name}, or an error naming the file's kind of content. */
    static NDArray named(NDList arrays, String name) {
        for (NDArray a : arrays) if (name.equals(a.getName())) return a;
        throw new IllegalArgumentException("checkpoint lacks " + name);
    }
}
