package org.pacscluster.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pacscluster.audit.Confidence;
import org.pacscluster.audit.TagAudit;
import org.pacscluster.io.AtomicFiles;
import org.pacscluster.io.Csv;
import org.pacscluster.io.SafeText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pacscluster audit}: images whose Modality/region tag is missing or disagrees with their cluster. */
@Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List images whose modality or region tag is missing or disagrees with the majority of their "
                + "cluster, with the suggested value and a confidence (by default the cluster's purity: the share of"
                + " its training images with the suggested value; --rank tag-rarity: the share of them without the"
                + " image's own tag), most confident first (ties: the purer cluster, then the higher soft"
                + " assignment). Images that fit no cluster (novel) get no suggestion.",
                "The model (any method, from 'train' or an experiment's models/ folder) knows each cluster's majority"
                        + " tags from its training images; SOURCE may be the same dataset, a new one, a folder or a PACS."},
        footer = {"", "Example:", "  pacscluster audit --model work/model-cidec /archive/export --out audit.csv"})
public final class AuditCommand implements Callable<Integer> {
    @Mixin
    ModelInput input = new ModelInput();

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "findings file to write")
    Path out;

    @Option(names = "--show", defaultValue = "10", description = "findings to print (default ${DEFAULT-VALUE})")
    int show;

    @Option(names = "--rank", defaultValue = "cluster-purity", paramLabel = "RULE",
            description = "how findings are ranked: cluster-purity (the cluster's share of the suggested tag) or"
                    + " tag-rarity (how rare the image's own tag is among the cluster's training images: better for"
                    + " random typos, worse when the wrong value is a common one; models made before 0.3 fall back"
                    + " to purity) (default ${DEFAULT-VALUE})")
    String rank;

    @Mixin
    HardwareOptions hardware = new HardwareOptions();

    @Override
    public Integer call() throws Exception {
        Confidence confidence = switch (rank.trim().toLowerCase(Locale.ROOT)) {
            case "tag-rarity" -> Confidence.TAG_RARITY;
            case "cluster-purity" -> Confidence.CLUSTER_PURITY;
            default -> throw new IllegalArgumentException("--rank must be tag-rarity or cluster-purity, got '"
                    + SafeText.forTerminal(rank) + "'");
        };
        try (ModelInput.Applied run = input.apply(hardware, out, "audit")) {
            List<TagAudit.Finding> findings = TagAudit.audit(run.data(), run.rows(), run.assignments(),
                    run.model().card().clusters(), run::novel, confidence);
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
                    run.rows().length, findings.size(), missing, findings.size() - missing, out);
            if (!Double.isNaN(run.noveltyThreshold())) {
                System.out.printf(Locale.ROOT, "%d images fit no cluster and get no suggestion (see predict's novel column)%n",
                        run.novelCount());
            }
            for (TagAudit.Finding f : findings.subList(0, Math.min(show, findings.size()))) {
                System.out.printf(Locale.ROOT, "  %.3f  %-8s %-28s %s -> %s (%s)%n", f.confidence(), f.tag(),
                        SafeText.forTerminal(abbreviate(f.id())), SafeText.forTerminal(f.current()),
                        SafeText.forTerminal(f.suggested()), f.reason());
            }
        }
        return 0;
    }

    private static String fmt(double v) { return String.format(Locale.ROOT, "%.4f", v); }

    private static String abbreviate(String s) { return s.length() <= 28 ? s : "…" + s.substring(s.length() - 27); }
}
