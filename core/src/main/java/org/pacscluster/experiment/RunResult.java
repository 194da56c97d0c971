package org.pacscluster.experiment;

import java.util.ArrayList;
import java.util.List;
import org.pacscluster.evaluate.Scorecard;
import org.pacscluster.io.Csv;
import org.pacscluster.metrics.LabelScores;

/** One row of runs.csv: the test-split scores of one method in one run. */
public record RunResult(String method, int run, long seed, int trainImages, int testImages, double silhouette,
                        double nmiModality, double homogeneityModality, double completenessModality, double ariModality,
                        double nmiRegion, double homogeneityRegion, double completenessRegion, double ariRegion,
                        double seconds) {
    static final List<String> HEADER = List.of("method", "run", "seed", "train_images", "test_images", "silhouette",
            "nmi_modality", "homogeneity_modality", "completeness_modality", "ari_modality",
            "nmi_region", "homogeneity_region", "completeness_region", "ari_region", "seconds");

    static RunResult of(String method, int run, long seed, int train, int test, Scorecard s, double seconds) {
        LabelScores m = s.modality(), r = s.region();
        return new RunResult(method, run, seed, train, test, s.silhouette(), m.nmi(), m.homogeneity(), m.completeness(),
                m.ari(), r.nmi(), r.homogeneity(), r.completeness(), r.ari(), seconds);
    }

    String csvLine() {
        return Csv.line(method, run, seed, trainImages, testImages, num(silhouette), num(nmiModality),
                num(homogeneityModality), num(completenessModality), num(ariModality), num(nmiRegion),
                num(homogeneityRegion), num(completenessRegion), num(ariRegion), String.format(java.util.Locale.ROOT, "%.1f", seconds));
    }

    static RunResult parse(List<String> f) {
        return new RunResult(f.get(0), Integer.parseInt(f.get(1)), Long.parseLong(f.get(2)), Integer.parseInt(f.get(3)),
                Integer.parseInt(f.get(4)), d(f.get(5)), d(f.get(6)), d(f.get(7)), d(f.get(8)), d(f.get(9)),
                d(f.get(10)), d(f.get(11)), d(f.get(12)), d(f.get(13)), d(f.get(14)));
    }

    /** The values the paper's Table I shows, in its column order: SS, NMI AR, HS AR, NMI MOD, HS MOD. */
    double[] tableValues() {
        return new double[] {silhouette, nmiRegion, homogeneityRegion, nmiModality, homogeneityModality, ariRegion,
                ariModality, seconds};
    }

    static final List<String> TABLE_COLUMNS = List.of("SS", "NMI AR", "HS AR", "NMI MOD", "HS MOD", "ARI AR",
            "ARI MOD", "time (s)");
    static final boolean[] HIGHER_IS_BETTER = {true, true, true, true, true, true, true, false};

    private static String num(double v) { return Double.isNaN(v) ? "" : Double.toString(v); }

    private static double d(String s) { return s.isBlank() ? Double.NaN : Double.parseDouble(s); }

    static List<String> header() { return new ArrayList<>(HEADER); }
}
