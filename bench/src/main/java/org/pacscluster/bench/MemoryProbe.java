package org.pacscluster.bench;

import java.nio.file.Path;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.Split;
import org.pacscluster.embed.Embedder;
import org.pacscluster.method.Method;
import org.pacscluster.method.MethodSettings;
import org.pacscluster.ingest.IngestConfig;
import org.pacscluster.ingest.Ingestor;
import org.pacscluster.progress.Progress;

/**
 * The child process of {@code bench --memory}, run under {@code /usr/bin/time -v}: one phase of the pipeline on
 * the first COUNT images of the MedNIST sample, through the same code as the CLI.
 * <ul>
 *   <li>{@code ingest ZIP LABELS|- COUNT DATASET SIZE}: the ingest of {@code pacscluster ingest}</li>
 *   <li>{@code embed DATASET METHOD}: fit on the train split, transform every image (as {@code cluster} does)</li>
 * </ul>
 */
public final class MemoryProbe {
    private MemoryProbe() {}

    public static void main(String[] args) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        switch (args.length > 0 ? args[0] : "") {
            case "ingest" -> {
                Path labels = args[2].equals("-") ? null : Path.of(args[2]);
                try (MedNistSample src = MedNistSample.open(Path.of(args[1]), labels, Integer.parseInt(args[3]))) {
                    Ingestor.Summary s = new Ingestor(new IngestConfig(Integer.parseInt(args[5]), 8, 0.2, 42, threads),
                            "default", "bench").run(src, Path.of(args[4]), Progress.NONE);
                    System.out.println("ingested " + s.manifest().count() + " images");
                }
            }
            case "embed" -> {
                try (Dataset ds = Dataset.open(Path.of(args[1]))) {
                    Embedder e = Method.parse(args[2]).newEmbedder(MethodSettings.paper());
                    e.fit(ds, ds.rows(Split.TRAIN), Progress.NONE);
                    double[][] f = e.transform(ds, ds.allRows(), Progress.NONE);
                    System.out.println("embedded " + f.length + " images into " + e.dimension() + " dimensions");
                }
            }
            default -> {
                System.err.println("usage: MemoryProbe ingest ZIP LABELS|- COUNT DATASET SIZE | embed DATASET METHOD");
                System.exit(2);
            }
        }
    }
}
