package org.pacscluster.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Settings of one benchmark run, validated when built.
 *
 * @param workloads    workload names to run, in order
 * @param repeats      timed runs per side (median and spread are taken over them)
 * @param warmup       untimed runs per side before the timed ones (JIT, caches, thread pools)
 * @param threads      T: threads of ours, and threads / worker processes of the Python side
 * @param sizes        how much data each workload uses
 * @param out          folder for bench-results.json / .md, or null to only print the table
 * @param python       the Python interpreter of the reference stack (Debian's /usr/bin/python3)
 * @param scripts      folder of the reference scripts (bench/python/ in the checkout)
 * @param mednistZip   MedNIST_jpeg.zip
 * @param mednistLabels its labels.csv (may be null: labels are not needed for timing)
 * @param dicomDir     folder of real DICOM files
 * @param scratch      folder for the ingested datasets and exchange files (deleted afterwards)
 * @param timeoutSeconds limit for one Python script invocation
 */
public record BenchConfig(List<String> workloads, int repeats, int warmup, int threads, Sizes sizes, Path out,
                          Path python, Path scripts, Path mednistZip, Path mednistLabels, Path dicomDir, Path scratch,
                          long timeoutSeconds) {
    public BenchConfig {
        workloads = List.copyOf(workloads);
        if (workloads.isEmpty()) throw new IllegalArgumentException("no workloads chosen");
        for (String w : workloads) Workloads.byName(w); // refuses unknown names with the list of known ones
        if (repeats < 1) throw new IllegalArgumentException("--repeats must be at least 1, got " + repeats);
        if (warmup < 0) throw new IllegalArgumentException("--warmup must be >= 0, got " + warmup);
        if (threads < 1) throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        if (timeoutSeconds < 1) throw new IllegalArgumentException("timeout must be positive");
        if (!Files.isRegularFile(scripts.resolve("_common.py"))) {
            throw new IllegalArgumentException("the Python bench scripts are not in " + scripts
                    + " (use --scripts to point at the bench/python/ folder of the checkout)");
        }
    }
}
