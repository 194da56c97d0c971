package org.pacscluster.evaluate;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.LabelKind;
import org.pacscluster.metrics.LabelScores;
import org.pacscluster.metrics.Silhouette;

/**
 * The scores of one clustering of some rows of a dataset: the silhouette in the space the method clusters in and
 * the label scores against modality and region, as the paper's Table I reports them.
 *
 * @param rows       how many rows were scored
 * @param silhouette mean silhouette (NaN when the rows fall into fewer than 2 clusters or into as many clusters as
 *                   there are rows, where it is undefined)
 * @param labels     label scores per label kind
 */
public record Scorecard(int rows, double silhouette, Map<LabelKind, LabelScores> labels) {
    public Scorecard {
        labels = Collections.unmodifiableMap(new EnumMap<>(labels));
    }

    /**
     * Scores {@code clusters} of {@code rows}. The silhouette uses at most {@code silhouetteSample} rows of
     * {@code embedding} (a sample drawn with {@code seed}; exact below it).
     */
    public static Scorecard of(Dataset data, int[] rows, int[] clusters, double[][] embedding, int silhouetteSample,
                               long seed) {
        return new Scorecard(rows.length, silhouette(embedding, clusters, silhouetteSample, seed),
                labelScores(data, rows, clusters));
    }

    private static Map<LabelKind, LabelScores> labelScores(Dataset data, int[] rows, int[] clusters) {
        Map<LabelKind, LabelScores> m = new EnumMap<>(LabelKind.class);
        for (LabelKind kind : LabelKind.values()) m.put(kind, LabelScores.of(data.labels(rows, kind), clusters));
        return m;
    }

    static double silhouette(double[][] x, int[] clusters, int sample, long seed) {
        long distinct = Arrays.stream(clusters).distinct().count();
        if (distinct < 2 || distinct > clusters.length - 1) return Double.NaN;
        return Silhouette.score(x, clusters, sample, seed);
    }

    public LabelScores modality() { return labels.get(LabelKind.MODALITY); }

    public LabelScores region() { return labels.get(LabelKind.REGION); }
}
