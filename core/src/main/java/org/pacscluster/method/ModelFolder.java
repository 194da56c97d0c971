package org.pacscluster.method;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.io.AtomicFiles;
import org.pacscluster.io.OutputFolder;
import org.pacscluster.io.ResumeKey;

/**
 * The model folder, the same for every method, and its one loader:
 * <ul>
 *   <li>{@code model.json} — the {@link ModelCard}, written last (a folder without it is not a model);</li>
 *   <li>{@code centres.csv} — the k cluster centres in the embedding space, one per line;</li>
 *   <li>the method's learned arrays: {@code weights.ndlist} (deep methods), {@code pca.bin} (PCA); HOG and LBP have
 *       none.</li>
 * </ul>
 * Folders of format 1 (pacscluster 0.1, deep methods only) are read and migrated on load.
 */
public final class ModelFolder {
    public static final String CENTRES = "centres.csv";
    /** A model.json or centres.csv larger than this is not one we wrote. */
    static final long MAX_TEXT_BYTES = 256L << 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelFolder() {}

    /**
     * The model folder as an output: a finished model ({@code model.json}) is replaced only when overwriting is
     * allowed; an unfinished one (the checkpoints of an interrupted deep training) is continued only by a run with
     * the same {@code key}.
     */
    public static OutputFolder.Kind outputKind(ResumeKey key) {
        return new OutputFolder.Kind(key, List.of(ModelCard.FILE, CENTRES, TrainingContext.PRETRAIN), ModelCard.FILE, true);
    }

    /**
     * The resume key of training {@code method} on {@code data}: the dataset's fingerprint, which rows train and
     * score, and every setting — except the hardware and the epoch budgets, which a continued deep training may
     * change (its checkpoints hold how far it got).
     */
    public static ResumeKey trainingKey(Method method, Dataset data, MethodSettings settings, int trainLimit,
                                        int testLimit, int silhouetteSample) throws IOException {
        return ResumeKey.builder("model").put("method", method.id()).put("dataset", data.fingerprint())
                .put("train limit", trainLimit).put("test limit", testLimit).put("silhouette sample", silhouetteSample)
                .putSettings("settings", settings, s -> MethodSettings.onlyHardware(s) || s.equals("cae.epochs")
                        || MethodSettings.unusedBy(s, List.of(method))
                        || s.equals("cae.patience") || s.equals("finetuning.maxEpochs"))
                .build();
    }

    static void save(ClusteringModel model, Path dir) throws IOException {
        Files.createDirectories(dir);
        model.saveState(dir);
        writeCentres(dir.resolve(CENTRES), model.centres());
        AtomicFiles.writeString(dir.resolve(ModelCard.FILE), JSON.writeValueAsString(model.card()) + "\n");
    }

    /** Reads the card of the model in {@code dir} (migrating format 1), without loading its arrays. */
    public static ModelCard readCard(Path dir) throws IOException {
        Path file = dir.resolve(ModelCard.FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no model at " + dir + " (no " + ModelCard.FILE + ")");
        }
        requireSize(file);
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw org.pacscluster.io.DamagedFile.of(file, e);
        }
        int version = root.path("formatVersion").asInt(-1);
        if (version == 1) return ModelFormatV1.parse(JSON, root).migrate();
        if (version != ModelCard.FORMAT_VERSION) {
            throw new IllegalArgumentException("model " + dir + " has format version " + version
                    + "; this pacscluster reads versions 1 and " + ModelCard.FORMAT_VERSION);
        }
        return JSON.treeToValue(root, ModelCard.class);
    }

    /** Loads the model in {@code dir}, whatever its method, to run on {@code hardware}. */
    public static ClusteringModel load(Path dir, Hardware hardware) throws IOException {
        ModelCard card = readCard(dir);
        return card.method().load(dir, card, hardware);
    }

    static void writeCentres(Path file, double[][] centres) throws IOException {
        AtomicFiles.writeText(file, w -> {
            for (double[] c : centres) {
                StringBuilder sb = new StringBuilder();
                for (int j = 0; j < c.length; j++) {
                    if (j > 0) sb.append(',');
                    sb.append(c[j]);
                }
                w.write(sb.append('\n').toString());
            }
        });
    }

    /** The centres of a saved model (k × dimension), from its centres.csv. */
    public static double[][] readCentres(Path dir) throws IOException {
        Path file = dir.resolve(CENTRES);
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("model " + dir + " has no " + CENTRES);
        requireSize(file);
        List<double[]> rows = new ArrayList<>();
        int line = 0;
        for (String s : Files.readAllLines(file)) {
            line++;
            if (s.isBlank()) continue;
            String[] fields = s.split(",");
            double[] row = new double[fields.length];
            try {
                for (int j = 0; j < row.length; j++) row[j] = Double.parseDouble(fields[j].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " line " + line + ": not a number (" + e.getMessage() + ")");
            }
            if (!rows.isEmpty() && row.length != rows.get(0).length) {
                throw new IllegalArgumentException(file + " line " + line + ": " + row.length + " values, the first centre has "
                        + rows.get(0).length);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) throw new IllegalArgumentException(file + " holds no centres");
        return rows.toArray(double[][]::new);
    }

    private static void requireSize(Path file) throws IOException {
        if (Files.size(file) > MAX_TEXT_BYTES) {
            throw new IllegalArgumentException(file + " is larger than " + (MAX_TEXT_BYTES >> 20) + " MB; not a model file");
        }
    }
}
