package org.pacscluster.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pacscluster.io.AtomicFiles;
import org.pacscluster.io.OutputPaths;
import org.pacscluster.metrics.CsvEvaluation;
import org.pacscluster.metrics.LabelScores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pacscluster evaluate}: label scores of cluster assignments, per label column. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score cluster assignments against label columns: NMI (arithmetic and geometric), homogeneity, "
                + "completeness, V-measure, ARI, AMI and accuracy (Hungarian matching), computed as scikit-learn does.",
                "Prints a table, then the same numbers as JSON."},
        footer = {"", "Examples:",
                "  pacscluster evaluate --pred run/assignments.csv --truth run/assignments.csv --split test",
                "  pacscluster evaluate --pred pred.csv --truth labels.csv --columns modality,region"})
public final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--pred", required = true, paramLabel = "CSV", description = "assignments: columns id, cluster")
    Path pred;

    @Option(names = "--truth", required = true, paramLabel = "CSV", description = "labels: column id and label columns")
    Path truth;

    @Option(names = "--columns", split = ",", paramLabel = "COL",
            description = "label columns to score (default: all truth columns except id, split, cluster, row, source, file)")
    List<String> columns = new ArrayList<>();

    @Option(names = "--split", paramLabel = "NAME", description = "score only prediction rows of this split (needs a split column)")
    String split;

    @Option(names = "--out", paramLabel = "JSON", description = "also write the JSON to this file")
    Path out;

    @picocli.CommandLine.Mixin
    OverwriteOption overwrite = new OverwriteOption();

    @Override
    public Integer call() throws Exception {
        if (out != null) {
            OutputPaths.requireFile(out, overwrite.overwrite,
                    List.of(OutputPaths.input("the predictions", pred), OutputPaths.input("the truth", truth)));
        }
        Map<String, LabelScores> scores = CsvEvaluation.evaluate(pred, truth, columns, split);
        System.out.print(table(scores));
        Map<String, Object> json = new LinkedHashMap<>();
        for (var e : scores.entrySet()) json.put(e.getKey(), e.getValue().asMap());
        String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
        System.out.println(text);
        if (out != null) AtomicFiles.writeString(out, text + "\n");
        return 0;
    }

    static String table(Map<String, LabelScores> scores) {
        StringBuilder sb = new StringBuilder(String.format("%-12s %6s %7s %8s %8s %8s %8s %8s %8s %8s %8s%n",
                "labels", "n", "classes", "clusters", "NMI", "homog", "compl", "V", "ARI", "AMI", "acc"));
        for (var e : scores.entrySet()) {
            LabelScores s = e.getValue();
            sb.append(String.format("%-12s %6d %7d %8d %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f%n", e.getKey(), s.n(),
                    s.classes(), s.clusters(), s.nmi(), s.homogeneity(), s.completeness(), s.vMeasure(), s.ari(),
                    s.ami(), s.accuracy()));
        }
        return sb.toString();
    }
}
