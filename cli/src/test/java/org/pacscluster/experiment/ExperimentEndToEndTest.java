package org.pacscluster.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.cli.Main;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.source.ImageSource;
import org.pacscluster.ingest.IngestConfig;
import org.pacscluster.ingest.Ingestor;
import org.pacscluster.source.LabelTable;
import org.pacscluster.ingest.MedNistSubset;
import org.pacscluster.source.ZipImageSource;
import org.pacscluster.io.Csv;
import org.pacscluster.method.Method;
import org.pacscluster.progress.Progress;
import org.pacscluster.report.HeadlessChromium;

/** The experiment command end to end on real MedNIST images: all six methods, a tiny CAE, two runs. */
class ExperimentEndToEndTest {

    static Path dataset(Path tmp, int perClass) throws Exception {
        Path zip = tmp.resolve("sub.zip"), labels = tmp.resolve("labels.csv"), out = tmp.resolve("ds");
        MedNistSubset.write(zip, labels, perClass, Map.of());
        try (ImageSource src = new ZipImageSource(zip, LabelTable.read(labels))) {
            new Ingestor(new IngestConfig(32, 8, 0.3, 5, 2), "default", "test").run(src, out, Progress.NONE);
        }
        return out;
    }

    /**
     * Three runs two at a time give the runs.csv of one at a time, row for row (times aside), and the same test
     * assignments: the deep methods train side by side in one JVM, each run on its own thread.
     */
    @Test
    void runsSideBySideGiveTheSameResultsAsOneAtATime(@TempDir Path tmp) throws Exception {
        Path ds = dataset(tmp, 12);
        Csv.Table[] runs = new Csv.Table[2];
        for (int n = 1; n <= 2; n++) {
            Path out = tmp.resolve("exp" + n);
            assertEquals(0, Main.run("experiment", "--dataset", ds.toString(), "--out", out.toString(),
                    "--methods", "cdec,pca", "--runs", "3", "--k", "4", "--epochs", "1", "--finetune-epochs", "1",
                    "--filters", "16,16", "--latent", "8", "--threads", "1", "--kmeans-init", "2", "--tsne-points", "0",
                    "--parallel-runs", String.valueOf(n)));
            runs[n - 1] = Csv.read(out.resolve("runs.csv"));
        }
        int seconds = runs[0].column("seconds");
        assertEquals(6, runs[0].rows().size());
        for (int i = 0; i < 6; i++) {
            List<String> a = new java.util.ArrayList<>(runs[0].rows().get(i)), b = new java.util.ArrayList<>(runs[1].rows().get(i));
            a.remove(seconds);
            b.remove(seconds);
            assertEquals(a, b, "row " + i);
        }
        for (String m : List.of("cdec", "pca")) {
            for (int r = 0; r < 3; r++) {
                String f = "assignments/" + m + "-run" + r + ".csv";
                assertEquals(Files.readString(tmp.resolve("exp1").resolve(f)), Files.readString(tmp.resolve("exp2").resolve(f)), f);
            }
        }
    }

    @Test
    void allMethodsTwoRunsTableMatchesRunsAndReRunResumes(@TempDir Path tmp) throws Exception {
        Path ds = dataset(tmp, 25), out = tmp.resolve("exp");
        String[] args = {"experiment", "--dataset", ds.toString(), "--out", out.toString(), "--runs", "2", "--k", "6",
                "--epochs", "2", "--finetune-epochs", "1", "--filters", "16,16", "--latent", "8", "--threads", "1",
                "--kmeans-init", "2", "--tsne-points", "40"};
        assertEquals(0, Main.run(args));

        Csv.Table runs = Csv.read(out.resolve("runs.csv"));
        assertEquals(12, runs.rows().size(), "6 methods × 2 runs");
        int testImages;
        try (Dataset d = Dataset.open(ds)) {
            testImages = d.rows(org.pacscluster.dataset.Split.TEST).length;
        }
        for (Method method : Method.PAPER) {
            String m = method.id();
            for (int r = 0; r < 2; r++) {
                Path a = out.resolve("assignments").resolve(m + "-run" + r + ".csv");
                assertEquals(testImages, Csv.read(a).rows().size(), a.toString());
            }
        }
        // table.csv means are the means of runs.csv, recomputed here from the file
        Csv.Table table = Csv.read(out.resolve("table.csv"));
        int nmiAr = table.column("NMI AR"), ss = table.column("SS");
        for (List<String> row : table.rows()) {
            String method = methodOf(row.get(0));
            double[] nmi = runs.rows().stream().filter(r -> r.get(0).equals(method))
                    .mapToDouble(r -> Double.parseDouble(r.get(runs.column("nmi_region")))).toArray();
            assertEquals(2, nmi.length, method);
            double mean = (nmi[0] + nmi[1]) / 2;
            assertEquals(mean, Double.parseDouble(row.get(nmiAr).split(" ")[0]), 0.0005, method + " NMI AR");
            assertTrue(row.get(ss).contains("±"), "sd shown: " + row.get(ss));
        }
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("CIDEC") && html.contains("data:image/png;base64,"));
        assertTrue(html.contains("Images that fit no cluster"), "the novelty table is in the report");
        assertEquals(12, Files.list(out.resolve("figures")).filter(p -> p.toString().contains("tsne-")).count());

        // the tag audit check: every method at 1/2/5% wrong region tags, ranked both ways, scores in [0, 1]
        assertTrue(html.contains("Tag audit check"), "the audit check is in the report");
        Csv.Table check = Csv.read(out.resolve("audit-check.csv"));
        assertEquals(6 * 3 * 2, check.rows().size());
        for (List<String> r : check.rows()) {
            assertTrue(Integer.parseInt(r.get(check.column("corrupted"))) >= 1, r.toString());
            double recall = Double.parseDouble(r.get(check.column("recall_top_2n")));
            assertTrue(recall >= 0 && recall <= 1, r.toString());
        }
        assertEquals(3, Files.list(out.resolve("figures")).filter(p -> p.toString().contains("audit-pr-")).count());

        assertRendersInChromium(out.resolve("report.html"), tmp);

        // timing.csv: each (method, run) broken into its steps, which fit inside the run's own wall time
        Csv.Table timing = Csv.read(out.resolve("timing.csv"));
        for (List<String> run : runs.rows()) {
            String m = run.get(0), r = run.get(1);
            List<String> steps = timing.rows().stream().filter(t -> t.get(0).equals(m) && t.get(1).equals(r))
                    .map(t -> t.get(2)).toList();
            double sum = timing.rows().stream().filter(t -> t.get(0).equals(m) && t.get(1).equals(r)
                    && !t.get(2).equals("save")).mapToDouble(t -> Double.parseDouble(t.get(3))).sum();
            assertTrue(steps.containsAll(List.of("k-means", "test", "score", "save")), m + " run " + r + ": " + steps);
            if (Method.parse(m).isDeep()) assertTrue(steps.containsAll(List.of("pretrain cae", "embed")), m + ": " + steps);
            else assertTrue(steps.contains("embed"), m + ": " + steps);
            double seconds = Double.parseDouble(run.get(runs.column("seconds")));
            // runs.csv rounds to 0.1 s
            assertTrue(sum <= seconds + 0.051, m + " run " + r + ": steps " + sum + " s within the run's " + seconds + " s");
        }
        assertEquals(6, timing.rows().stream().filter(t -> t.get(2).equals("t-SNE")).count(), "one t-SNE per method");

        // a re-run finds every (method, run) done and leaves runs.csv as it was
        String before = Files.readString(out.resolve("runs.csv"));
        assertEquals(0, Main.run(args));
        assertEquals(before, Files.readString(out.resolve("runs.csv")));
        assertEquals(6, Csv.read(out.resolve("timing.csv")).rows().stream().filter(t -> t.get(2).equals("t-SNE")).count(),
                "the report's times are replaced, not added, by a re-run");
    }

    /** The experiment's own report in a real browser: every image decodes, the table has its six rows. */
    private static void assertRendersInChromium(Path html, Path tmp) throws Exception {
        if (!HeadlessChromium.available()) {
            if ("1".equals(System.getenv("PACSCLUSTER_CI"))) throw new AssertionError("chromium missing under CI");
            return;
        }
        String dom = HeadlessChromium.dumpDom(html, tmp);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-images-decoded=\"(\\d+)/(\\d+)\"").matcher(dom);
        assertTrue(m.find(), "the page's image check ran");
        assertEquals(m.group(2), m.group(1), "every image decoded");
        assertEquals(16, Integer.parseInt(m.group(2)), "12 t-SNE maps + 1 montage + 3 audit precision-recall curves");
        String table = dom.substring(dom.indexOf("<table class=\"results\">"));
        table = table.substring(0, table.indexOf("</table>"));
        assertEquals(6, table.split("<tr>", -1).length - 2, "six method rows under the header row");
        Path shot = tmp.resolve("report.png");
        HeadlessChromium.screenshot(html, shot, 1200, 2400, tmp);
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(shot.toFile());
        int coloured = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y), r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
                int max = Math.max(r, Math.max(g, b)), min = Math.min(r, Math.min(g, b));
                if (max > 60 && max - min > 0.4 * max) coloured++;
            }
        }
        assertTrue(coloured > 5_000, "the t-SNE dots show in the screenshot: " + coloured + " coloured pixels");
    }

    private static String methodOf(String displayName) {
        for (Method m : Method.PAPER) {
            if (displayName.startsWith(m.displayName() + " (")) return m.id();
        }
        throw new AssertionError("unknown row " + displayName);
    }
}
