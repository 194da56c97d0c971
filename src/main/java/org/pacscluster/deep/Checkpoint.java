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
import java.util.List;
import java.util.Map;
import org.pacscluster.io.AtomicFiles;

/**
 * The state of a pre-training run after a finished epoch, in one file written atomically (so a crash leaves the
 * previous checkpoint intact): a JSON header, then the weights, the best weights so far and Adam's m and v as one
 * DJL NDList.
 *
 * @param resumeKey      {@link CaeConfig#resumeKey()} of the run; a different one is refused on resume
 * @param epochsDone     epochs finished
 * @param adamSteps      optimiser updates so far (Adam's bias correction depends on it)
 * @param bestValidation best validation MSE so far (NaN without a validation subset)
 * @param badEpochs      epochs since the best validation loss
 * @param history        one entry per finished epoch
 */
record Checkpoint(String resumeKey, int epochsDone, long adamSteps, double bestValidation, int badEpochs,
                  List<CaeTrainer.EpochStats> history) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAGIC = 0x50434b31; // "PCK1"
    static final String BEST_PREFIX = "best:";

    /** Writes the header and {@code arrays} (weights, "best:"-prefixed best weights, Adam state) atomically. */
    void write(Path file, NDList arrays) throws IOException {
        byte[] header = JSON.writeValueAsBytes(this);
        AtomicFiles.write(file, out -> {
            DataOutputStream d = new DataOutputStream(out);
            d.writeInt(MAGIC);
            d.writeInt(header.length);
            d.write(header);
            d.flush();
            arrays.encode(out);
        });
    }

    /** The header and arrays of a checkpoint file. */
    record Loaded(Checkpoint state, NDList arrays) {}

    static Loaded read(Path file, NDManager manager) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            DataInputStream d = new DataInputStream(in);
            if (d.readInt() != MAGIC) throw new IllegalArgumentException(file + " is not a pacscluster checkpoint");
            byte[] header = d.readNBytes(d.readInt());
            Checkpoint state = JSON.readValue(new String(header, StandardCharsets.UTF_8), Checkpoint.class);
            return new Loaded(state, NDList.decode(manager, in));
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
}
