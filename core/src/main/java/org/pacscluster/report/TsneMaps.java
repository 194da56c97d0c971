package org.pacscluster.report;

import org.pacscluster.tsne.Tsne;
import org.pacscluster.tsne.TsneConfig;
import org.pacscluster.tsne.TsneResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.pacscluster.progress.Progress;

/**
 * The t-SNE figures of one method in one call: the map of its embedding, drawn once per label kind (e.g. by MOD
 * and by AR) into {@code tsne-<method>-<kind>.png}. Colours follow the labels' natural order, so the maps of every
 * method over the same test rows use the same colour for the same label.
 */
public final class TsneMaps {
    private TsneMaps() {}

    /**
     * Computes the map of {@code embedding} and writes one PNG per label kind into {@code dir}.
     *
     * @param method     the method's name, used in titles and file names (e.g. "cdec")
     * @param labelKinds label kind → one label per row of the embedding, in the order to draw (e.g. MOD, AR)
     * @return the map and, per label kind, the PNG written
     */
    public static Result write(double[][] embedding, Map<String, String[]> labelKinds, String method, Path dir,
                               TsneConfig cfg) throws IOException {
        return write(embedding, labelKinds, method, dir, cfg, Progress.NONE);
    }

    /** As above, reporting the gradient-descent iterations to {@code progress}. */
    public static Result write(double[][] embedding, Map<String, String[]> labelKinds, String method, Path dir,
                               TsneConfig cfg, Progress progress) throws IOException {
        TsneResult map = new Tsne(cfg).fit(embedding, progress);
        return new Result(map, draw(map, labelKinds, method, dir));
    }

    /** Draws an already computed map once per label kind; returns the PNGs by label kind. */
    public static Map<String, Path> draw(TsneResult map, Map<String, String[]> labelKinds, String method, Path dir)
            throws IOException {
        Map<String, Path> out = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : labelKinds.entrySet()) {
            Path png = dir.resolve("tsne-" + slug(method) + "-" + slug(e.getKey()) + ".png");
            ScatterPlot.of(map.xy(), e.getValue())
                    .optTitle("t-SNE of " + method + " (" + map.xy().length + " images), coloured by " + e.getKey())
                    .optLegendTitle(e.getKey()).write(png);
            out.put(e.getKey(), png);
        }
        return out;
    }

    /** A map and its figures. */
    public record Result(TsneResult map, Map<String, Path> pngs) {}

    static String slug(String s) {
        String t = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return t.isEmpty() ? "x" : t;
    }
}
