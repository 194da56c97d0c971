package org.pacscluster.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.pacscluster.dataset.Preprocessor;
import org.pacscluster.dicom.DicomImage;
import org.pacscluster.dicom.DicomReader;
import org.pacscluster.dicom.GreyFrame;

/**
 * DICOM decode + preprocess to 256² of the real files in shared/data/dicom that both sides decode, against pydicom
 * (+ numpy, Pillow resize). Files only one side reads are left out of the timing and counted in the notes.
 */
final class DicomWorkload implements Workload {
    @Override public String name() { return "dicom"; }

    @Override
    public String description() {
        return "DICOM read + decode (middle frame) + rescale + preprocess to 256² of the shared DICOM files both sides"
                + " decode vs pydicom pixel_array + apply_modality_lut + Pillow resize";
    }

    @Override public String unit() { return "img/s"; }

    @Override public double goal() { return 3.0; }

    /**
     * Decodes and preprocesses one file as ingest does: middle frame, MONOCHROME1 inverted, decoded no larger than the
     * target needs (JPEG 2000 skips its finest wavelet levels; {@code -Dpacscluster.j2k.reduce=off} decodes in full).
     */
    static float[] decodeAndPreprocess(Path file, Preprocessor pre) throws Exception {
        DicomImage img = DicomReader.read(file);
        GreyFrame px = img.frame(img.frameCount() / 2, true, pre.size());
        return pre.apply(px.values(), img.rows(), img.columns(), px.halvings());
    }

    @Override
    public Trial prepare(BenchContext ctx) throws Exception {
        Path dir = ctx.config().dicomDir();
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            all = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
        if (all.isEmpty()) throw new IOException("no files under " + dir);
        Path listAll = ctx.scratch().resolve("dicom-all.txt");
        Files.write(listAll, all.stream().map(Path::toString).toList());
        PythonReference py = new PythonReference(ctx.config().python(), ctx.config().scripts(), 1,
                ctx.config().timeoutSeconds());
        JsonNode probe = py.run("bench_dicom.py", List.of("--workload", "dicom", "--files", listAll.toString(), "--probe"));
        Preprocessor pre = new Preprocessor(256);
        Map<Path, String> oursRejects = new LinkedHashMap<>();
        Set<Path> oursOk = new TreeSet<>();
        for (Path p : all) {
            try {
                decodeAndPreprocess(p, pre);
                oursOk.add(p);
            } catch (Exception | LinkageError e) {
                oursRejects.put(p, BenchRunner.message(e));
            }
        }
        Set<Path> theirsOk = new TreeSet<>();
        if (probe.hasNonNull("skipped")) {
            theirsOk.addAll(oursOk);      // the script will report the skip itself
        } else {
            probe.path("decodable").forEach(n -> theirsOk.add(Path.of(n.asText())));
        }
        List<Path> both = new ArrayList<>(oursOk);
        both.retainAll(theirsOk);
        int limit = ctx.sizes().dicomFiles();
        if (limit > 0 && both.size() > limit) both = both.subList(0, limit);
        String counts = String.format("%d files; of %d files found, ours decodes %d, pydicom %d, both %d",
                both.size(), all.size(), oursOk.size(), theirsOk.size(), oursOk.stream().filter(theirsOk::contains).count());
        Path list = ctx.scratch().resolve("dicom-both.txt");
        Files.write(list, both.stream().map(Path::toString).toList());
        List<String> args = List.of("--workload", "dicom", "--files", list.toString(), "--size", "256");
        String notes = counts + "; pydicom decodes every frame of a multi-frame file (its API has no single-frame"
                + " decode), ours only the middle one; pydicom decodes JPEG 2000 in full, ours "
                + (DicomReader.nonDefaultDecoding().isEmpty() ? "without the wavelet levels a 256² target does not need" : "in full (reduction off)")
                + "; T threads vs T worker processes";
        if (both.isEmpty()) {
            String first = oursRejects.values().stream().findFirst().orElse("none decoded");
            return Trial.theirsOnly("no file that both sides decode (ours: " + first + ")", "bench_dicom.py",
                    List.of("--workload", "dicom", "--files", writeList(ctx, "dicom-theirs.txt", theirsOk), "--size", "256"),
                    notes);
        }
        List<Path> files = both;
        Trial.Run ours = () -> IntStream.range(0, files.size()).parallel().forEach(i -> {
            try {
                decodeAndPreprocess(files.get(i), pre);
            } catch (Exception e) {
                throw new IllegalStateException(files.get(i) + ": " + e.getMessage(), e);
            }
        });
        return Trial.of(files.size(), ours, "bench_dicom.py", args, notes);
    }

    private static String writeList(BenchContext ctx, String name, Set<Path> files) throws IOException {
        Path p = ctx.scratch().resolve(name);
        Files.write(p, files.stream().map(Path::toString).toList());
        return p.toString();
    }
}
