package org.pacscluster.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import org.pacscluster.SharedData;
import org.pacscluster.io.Csv;

/** The first few real MedNIST images of each class, read straight from ../shared's ZIP (64×64 grey JPEG). */
record MednistSample(float[][] pixels, String[] modality, String[] region, String[] className) {
    static final int SIZE = 64;

    static MednistSample firstOfEachClass(int perClass) throws IOException {
        Csv.Table t = Csv.read(SharedData.mednistLabels());
        int file = t.requireColumn("file", "labels.csv"), cls = t.requireColumn("class", "labels.csv");
        int mod = t.requireColumn("modality", "labels.csv"), reg = t.requireColumn("region", "labels.csv");
        Map<String, Integer> taken = new HashMap<>();
        List<List<String>> rows = new ArrayList<>();
        for (List<String> r : t.rows()) {
            if (taken.merge(r.get(cls), 1, Integer::sum) <= perClass) rows.add(r);
        }
        int n = rows.size();
        float[][] px = new float[n][];
        String[] m = new String[n], a = new String[n], c = new String[n];
        try (ZipFile zip = new ZipFile(SharedData.mednistZip().toFile())) {
            for (int i = 0; i < n; i++) {
                List<String> r = rows.get(i);
                ZipEntry e = zip.getEntry(r.get(file));
                if (e == null) throw new IllegalStateException("MedNIST zip has no " + r.get(file));
                try (InputStream in = zip.getInputStream(e)) {
                    BufferedImage img = ImageIO.read(in);
                    if (img == null || img.getWidth() != SIZE || img.getHeight() != SIZE) {
                        throw new IllegalStateException(r.get(file) + " is not a 64×64 image");
                    }
                    float[] p = new float[SIZE * SIZE];
                    for (int y = 0; y < SIZE; y++) {
                        for (int x = 0; x < SIZE; x++) p[y * SIZE + x] = img.getRaster().getSample(x, y, 0) / 255f;
                    }
                    px[i] = p;
                }
                m[i] = r.get(mod);
                a[i] = r.get(reg);
                c[i] = r.get(cls);
            }
        }
        return new MednistSample(px, m, a, c);
    }

    double[][] asDoubles() {
        double[][] out = new double[pixels.length][];
        for (int i = 0; i < pixels.length; i++) {
            out[i] = new double[pixels[i].length];
            for (int j = 0; j < pixels[i].length; j++) out[i][j] = pixels[i][j];
        }
        return out;
    }
}
