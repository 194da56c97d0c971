package org.pacscluster.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pacscluster.io.AtomicFiles;

/** {@code embedder.json}: which embedder, its settings and image size; learned arrays sit beside it. */
final class EmbedderState {
    static final String FILE = "embedder.json";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EmbedderState() {}

    static void write(Path dir, String method, Object config, int imageSize, double[] explainedVarianceRatio)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("method", method);
        root.set("config", JSON.valueToTree(config));
        root.put("image_size", imageSize);
        if (explainedVarianceRatio != null) root.set("explained_variance_ratio", JSON.valueToTree(explainedVarianceRatio));
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve(FILE), JSON.writeValueAsString(root) + "\n");
    }

    static JsonNode read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) throw new IllegalArgumentException("no saved embedder in " + dir + " (missing " + FILE + ")");
        return JSON.readTree(f.toFile());
    }
}
