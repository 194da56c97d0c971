package org.pacscluster.embed;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Creates embedders by name (as given on the command line) and loads saved ones. */
public final class Embedders {
    /** The fixed-feature methods this package provides. */
    public static final List<String> METHODS = List.of("pca", "hog", "lbp");

    private Embedders() {}

    /** A new embedder with the default settings of {@code method} (pca, hog or lbp). */
    public static Embedder create(String method) {
        return switch (method.trim().toLowerCase(Locale.ROOT)) {
            case "pca" -> new PcaEmbedder(PcaConfig.defaults());
            case "hog" -> new HogEmbedder(HogConfig.defaults());
            case "lbp" -> new LbpEmbedder(LbpConfig.defaults());
            default -> throw new IllegalArgumentException("unknown embedding method '" + method + "' (expected one of "
                    + String.join(", ", METHODS) + ")");
        };
    }

    /** An embedder saved with {@link Embedder#save}, ready to transform. */
    public static Embedder load(Path dir) throws IOException {
        JsonNode root = EmbedderState.read(dir);
        String method = root.path("method").asText("");
        JsonNode cfg = root.path("config");
        int size = root.path("image_size").asInt(-1);
        switch (method) {
            case "pca":
                return PcaEmbedder.load(dir, EmbedderState.JSON.treeToValue(cfg, PcaConfig.class));
            case "hog": {
                HogEmbedder e = new HogEmbedder(EmbedderState.JSON.treeToValue(cfg, HogConfig.class));
                e.imageSize(size);
                return e;
            }
            case "lbp": {
                LbpEmbedder e = new LbpEmbedder(EmbedderState.JSON.treeToValue(cfg, LbpConfig.class));
                e.imageSize(size);
                return e;
            }
            default:
                throw new IllegalArgumentException("saved embedder in " + dir + " has unknown method '" + method + "'");
        }
    }
}
