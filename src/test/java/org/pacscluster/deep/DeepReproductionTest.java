package org.pacscluster.deep;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacscluster.SharedData;
import org.pacscluster.dataset.Dataset;
import org.pacscluster.dataset.DatasetManifest;
import org.pacscluster.dataset.LabelKind;
import org.pacscluster.dataset.Split;
import org.pacscluster.io.Csv;
import org.pacscluster.progress.Progress;

/**
 * Outside CI (tag "slow"): the published-number comparisons, sized by system properties so that they fit the
 * machine at hand. Results are printed and appended to target/deep-reproduction.txt.
 * <pre>
 * DEEP_N=70000 DEEP_PRETRAIN=20 DEEP_FINETUNE=20 DEEP_RUNS=3 DEEP_THREADS=1 mvn -B test -Pslow -Dtest=DeepReproductionTest#mnistCidec
 * DEEP_PERCLASS=10000 DEEP_PRETRAIN=20 DEEP_FINETUNE=10 DEEP_THREADS=1 mvn -B test -Pslow -Dtest=DeepReproductionTest#mednistTable
 * </pre>
 */
@Tag("slow")
class DeepReproductionTest {
    static final Path OUT = Path.of("target", "deep-reproduction.txt");

    /** CIDEC on MNIST (train+test, K=10, 28² zero-padded to 32²) against DCEC's ACC ≈ 0.89 / NMI ≈ 0.885. */
    @Test
    void mnistCidec() throws Exception {
        int n = intSetting("n", 70000), runs = intSetting("runs", 1);
        Path dir = Path.of("target", "mnist32-" + n);
        Dataset data = mnist(dir, n);
        int[] rows = data.allRows();
        String[] truth = data.labels(rows, LabelKind.MODALITY);
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            // DCEC-like: three conv blocks, 10-d embedding
            CaeConfig cae = CaeConfig.paper().withInputSize(32).withFilters(parseFilters("filters", "32,64,128"))
                    .withLatent(intSetting("latent", 10)).withBatchSize(intSetting("batch", 50))
                    .withEpochs(intSetting("pretrain", 10)).withPatience(0).withValidationFraction(0)
                    .withSeed(r).withThreads(intSetting("threads", 0)).withDevice("auto");
            DecConfig dec = DecConfig.paper(DeepMethod.CIDEC).withK(10).withMaxEpochs(intSetting("finetune", 10));
            try (DeepModel m = DeepPipeline.train(data, rows, cae, dec, null, Progress::console)) {
                int[] c = m.assign(data, rows).clusters();
                report(String.format(Locale.ROOT, "MNIST CIDEC n=%d run %d: ACC %.4f NMI %.4f; %s; pretrain %d epochs, finetune %s; %.0f s; %s",
                        n, r, accuracy(truth, c), LabelScores.of(truth, c).nmi(), cae, m.info().provenance().pretraining().history().size(),
                        m.info().provenance().finetuning(), (System.nanoTime() - t0) / 1e9, DeepRuntime.versions()));
            }
        }
    }

    /** MedNIST at 64², K=25: CAE + k-means, CDEC and CIDEC on the test split against modality and region. */
    @Test
    void mednistTable() throws Exception {
        int perClass = intSetting("perClass", 500);
        Dataset data = MedNistFixture.subset(Path.of("target", "mednist64-" + perClass), perClass, 64);
        int[] train = data.rows(Split.TRAIN), test = data.rows(Split.TEST);
        Path ckpt = Path.of("target", "mednist64-" + perClass + "-pretrain.ckpt");
        for (DeepMethod method : DeepMethod.values()) {
            long t0 = System.nanoTime();
            CaeConfig cae = CaeConfig.paper().withInputSize(64).withEpochs(intSetting("pretrain", 10))
                    .withThreads(intSetting("threads", 0)).withSeed(0);
            DecConfig dec = DecConfig.paper(method).withMaxEpochs(intSetting("finetune", 10));
            // the three methods share one pre-training through the checkpoint
            try (DeepModel m = DeepPipeline.train(data, train, cae, dec, ckpt, Progress::console)) {
                ModelInfo.Metrics t = DeepPipeline.score(data, test, m.assign(data, test).clusters());
                report(String.format(Locale.ROOT, "MedNIST 64² K=25 %s train=%d test=%d: NMI MOD %.3f HS MOD %.3f NMI AR %.3f HS AR %.3f;"
                        + " pretrain %d epochs (val MSE %.5f); finetune %s; %.0f s (this method, pre-training counted once)",
                        method.label(), train.length, test.length, t.nmiModality(), t.homogeneityModality(), t.nmiRegion(),
                        t.homogeneityRegion(), m.info().provenance().pretraining().history().size(),
                        m.info().provenance().pretraining().bestValidationLoss(), m.info().provenance().finetuning(),
                        (System.nanoTime() - t0) / 1e9));
            }
        }
    }

    /** A run setting from the environment: DEEP_N, DEEP_PRETRAIN, ... (the pom fixes surefire's JVM arguments). */
    static String setting(String name, String def) {
        return System.getenv().getOrDefault("DEEP_" + name.toUpperCase(Locale.ROOT), def);
    }

    static int intSetting(String name, int def) { return Integer.parseInt(setting(name, Integer.toString(def))); }

    static int[] parseFilters(String prop, String def) {
        return Arrays.stream(setting(prop, def).split(",")).mapToInt(Integer::parseInt).toArray();
    }

    static void report(String line) throws IOException {
        System.out.println("[reproduction] " + line);
        Files.createDirectories(OUT.getParent());
        Files.writeString(OUT, line + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /** Unsupervised clustering accuracy: the best one-to-one map of clusters to classes (DP over class subsets). */
    static double accuracy(String[] truth, int[] clusters) {
        List<String> classes = new ArrayList<>(new java.util.TreeSet<>(Arrays.asList(truth)));
        int nc = classes.size(), nk = Arrays.stream(clusters).max().orElse(0) + 1;
        if (nc > 20) throw new IllegalArgumentException("too many classes for the exact matching");
        int[][] count = new int[nk][nc];
        for (int i = 0; i < truth.length; i++) count[clusters[i]][classes.indexOf(truth[i])]++;
        int[] best = new int[1 << nc];
        Arrays.fill(best, -1);
        best[0] = 0;
        for (int k = 0; k < nk; k++) {
            int[] next = best.clone(); // cluster k may also stay unmatched
            for (int mask = 0; mask < best.length; mask++) {
                if (best[mask] < 0) continue;
                for (int c = 0; c < nc; c++) {
                    if ((mask & (1 << c)) != 0) continue;
                    next[mask | (1 << c)] = Math.max(next[mask | (1 << c)], best[mask] + count[k][c]);
                }
            }
            best = next;
        }
        return (double) Arrays.stream(best).max().orElse(0) / truth.length;
    }

    /** MNIST train + test (the DEC/IDEC/DCEC protocol uses all 70,000), first {@code n}, as a dataset folder. */
    static Dataset mnist(Path dir, int n) throws IOException {
        if (!Files.exists(dir.resolve(DatasetManifest.FILE))) {
            Files.createDirectories(dir);
            List<String> index = new ArrayList<>();
            index.add("row,id,source,modality,region,split,body_part,study_description,series_description");
            int row = 0;
            try (OutputStream out = Files.newOutputStream(dir.resolve(Dataset.PIXELS))) {
                for (String part : new String[] {"train", "t10k"}) {
                    byte[] img = gunzip(SharedData.data("mnist/" + part + "-images-idx3-ubyte.gz"));
                    byte[] lab = gunzip(SharedData.data("mnist/" + part + "-labels-idx1-ubyte.gz"));
                    int count = (lab.length - 8);
                    for (int i = 0; i < count && row < n; i++, row++) {
                        byte[] padded = new byte[32 * 32];
                        int min = 255, max = 0;
                        for (int p = 0; p < 784; p++) { int v = img[16 + i * 784 + p] & 0xFF; min = Math.min(min, v); max = Math.max(max, v); }
                        for (int y = 0; y < 28; y++) for (int x = 0; x < 28; x++) {
                            int v = img[16 + i * 784 + y * 28 + x] & 0xFF;
                            padded[(y + 2) * 32 + x + 2] = (byte) (max > min ? Math.round(255.0 * (v - min) / (max - min)) : 0);
                        }
                        out.write(padded);
                        String digit = Integer.toString(lab[8 + i]);
                        index.add(Csv.line(row, part + "-" + i, "mnist/" + part, digit, digit, "train", "", "", ""));
                    }
                }
            }
            Files.write(dir.resolve(Dataset.INDEX), index);
            new DatasetManifest(DatasetManifest.FORMAT_VERSION, 32, 8, row, row, 0, 0, 0, 0, "MNIST train+t10k",
                    "none", "test", "now").write(dir);
        }
        return Dataset.open(dir);
    }

    private static byte[] gunzip(Path p) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) { return in.readAllBytes(); }
    }
}
