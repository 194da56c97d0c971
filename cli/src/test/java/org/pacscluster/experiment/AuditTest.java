package org.pacscluster.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.cli.Main;
import org.pacscluster.ingest.MedNistSubset;
import org.pacscluster.io.Csv;

/**
 * The audit finds deliberately corrupted tags: region labels of some images swapped in a copy of MedNIST's
 * labels.csv, a small CIDEC trained on it, then {@code audit} ranks those images near the top.
 */
class AuditTest {
    @Test
    void corruptedRegionTagsRankNearTheTop(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("sub.zip"), labels = tmp.resolve("labels.csv");
        MedNistSubset.write(zip, labels, 50, Map.of());
        Csv.Table t = Csv.read(labels);
        int region = t.column("region"), file = t.column("file");
        List<List<String>> rows = new ArrayList<>(t.rows());
        Random rng = new Random(11);
        Set<String> corrupted = new HashSet<>();
        while (corrupted.size() < 10) {
            int i = rng.nextInt(rows.size());
            List<String> r = new ArrayList<>(rows.get(i));
            if (corrupted.contains(r.get(file))) continue;
            String wrong = r.get(region).equals("chest") ? "hand" : "chest";
            r.set(region, wrong);
            rows.set(i, r);
            corrupted.add(r.get(file));
        }
        StringBuilder sb = new StringBuilder(Csv.line(t.header())).append('\n');
        for (List<String> r : rows) sb.append(Csv.line(r)).append('\n');
        Path bad = tmp.resolve("labels-corrupted.csv");
        Files.writeString(bad, sb.toString());

        Path ds = tmp.resolve("ds"), model = tmp.resolve("model"), audit = tmp.resolve("audit.csv");
        assertEquals(0, Main.run("ingest", zip.toString(), "--labels", bad.toString(), "--size", "32", "--out", ds.toString()));
        assertEquals(0, Main.run("train", "--dataset", ds.toString(), "--method", "cidec", "--k", "12", "--epochs", "10",
                "--finetune-epochs", "2", "--filters", "16,16", "--latent", "8", "--threads", "1", "--out", model.toString()));
        assertEquals(0, Main.run("audit", "--model", model.toString(), ds.toString(), "--out", audit.toString(),
                "--threads", "1"));

        Csv.Table findings = Csv.read(audit);
        int id = findings.column("id"), tag = findings.column("tag");
        List<String> regionFindings = findings.rows().stream().filter(r -> r.get(tag).equals("region"))
                .map(r -> r.get(id)).toList();
        int top = 20;
        long hits = regionFindings.stream().limit(top).filter(corrupted::contains).count();
        double chance = corrupted.size() * (double) Math.min(top, regionFindings.size()) / Math.max(1, regionFindings.size());
        System.out.printf("audit: %d of %d corrupted region tags in the top %d of %d region findings (chance %.1f)%n",
                hits, corrupted.size(), top, regionFindings.size(), chance);
        assertTrue(hits >= 5, "recall@20 of corrupted tags: " + hits + "/10");
        assertTrue(hits >= 3 * chance, "better than a random ranking (" + chance + ")");
        // confidence is sorted, most confident first
        int conf = findings.column("confidence");
        for (int i = 1; i < findings.rows().size(); i++) {
            assertTrue(Double.parseDouble(findings.rows().get(i - 1).get(conf)) >= Double.parseDouble(findings.rows().get(i).get(conf)));
        }
    }
}
