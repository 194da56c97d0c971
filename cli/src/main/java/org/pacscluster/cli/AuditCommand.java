package org.pacscluster.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.Split;
import org.pacscluster.deep.DeepModel;
import org.pacscluster.deep.ModelInfo;
import org.pacscluster.audit.TagAudit;
import org.pacscluster.io.AtomicFiles;
import org.pacscluster.io.Csv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pacscluster audit}: images whose Modality/region tag is missing or disagrees with their cluster. */
@Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List images whose modality or region tag is missing or disagrees with the majority of their "
                + "cluster, with the suggested value and a confidence (cluster purity × the image's soft assignment), "
                + "most confident first.",
                "The model (from 'train' or an experiment's models/ folder) knows each cluster's majority tags from "
                        + "its training images; the audited images may be the same dataset, a new one, a folder or a PACS."},
        footer = {"", "Example:", "  pacscluster audit --model work/model-cidec --dataset /archive/export --out audit.csv"})
public final class AuditCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "model folder written by train")
    Path model;

    @Option(names = "--dataset", required = true, paramLabel = "DATASET|SOURCE",
            description = "dataset folder, or a DICOM folder, image folder/ZIP or dicomweb+http(s):// PACS (ingested first)")
    String dataset;

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "findings file to write")
    Path out;

    @Option(names = "--split", defaultValue = "all", description = "all, train or test (default ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--show", defaultValue = "10", description = "findings to print (default ${DEFAULT-VALUE})")
    int show;

    @Option(names = "--threads", defaultValue = "0", description = "CPU threads, 0 = engine default")
    int threads;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu, gpu or gpu:N (default ${DEFAULT-VALUE})")
    String device;

    @Mixin
    SourceOptions input = new SourceOptions();

    @Override
    public Integer call() throws Exception {
        try (DeepModel m = DeepModel.load(model, device, threads);
             Dataset data = input.open(dataset, m.info().preprocessing().imageSize(), out)) {
            int[] rows = split.equalsIgnoreCase("all") ? data.allRows() : data.rows(Split.parse(split));
            DeepModel.Assignments a = m.assign(data, rows);
            List<TagAudit.Majority> majorities = m.info().clusters().stream().map(AuditCommand::majority).toList();
            List<TagAudit.Finding> findings = TagAudit.audit(data, rows, a.clusters(), a.probabilities(), majorities);
            AtomicFiles.writeText(out, w -> {
                w.write(Csv.line("id", "source", "tag", "current", "suggested", "reason", "confidence", "cluster",
                        "probability", "cluster_purity"));
                w.write('\n');
                for (TagAudit.Finding f : findings) {
                    w.write(Csv.line(f.id(), f.source(), f.tag(), f.current(), f.suggested(), f.reason(),
                            fmt(f.confidence()), f.cluster(), fmt(f.probability()), fmt(f.purity())));
                    w.write('\n');
                }
            });
            long missing = findings.stream().filter(f -> f.reason().equals("missing")).count();
            System.out.printf(Locale.ROOT, "audited %d images: %d findings (%d missing, %d disagreeing tags); written to %s%n",
                    rows.length, findings.size(), missing, findings.size() - missing, out);
            for (TagAudit.Finding f : findings.subList(0, Math.min(show, findings.size()))) {
                System.out.printf(Locale.ROOT, "  %.3f  %-8s %-28s %s -> %s (%s)%n", f.confidence(), f.tag(),
                        abbreviate(f.id()), f.current(), f.suggested(), f.reason());
            }
        }
        return 0;
    }

    static TagAudit.Majority majority(ModelInfo.ClusterSummary c) {
        return new TagAudit.Majority(c.modality(), c.modalityShare(), c.region(), c.regionShare());
    }

    private static String fmt(double v) { return String.format(Locale.ROOT, "%.4f", v); }

    private static String abbreviate(String s) { return s.length() <= 28 ? s : "…" + s.substring(s.length() - 27); }
}
