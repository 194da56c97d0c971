package org.pacscluster.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.pacscluster.io.Shuffle;
import org.pacscluster.source.ImageSource;
import org.pacscluster.source.LabelTable;
import org.pacscluster.source.LoadedImage;
import org.pacscluster.source.RejectedImageException;
import org.pacscluster.source.ZipImageSource;

/**
 * The first {@code count} entries of a seeded shuffle of the MedNIST ZIP (all six classes mixed), as an
 * {@link ImageSource} for the real ingest. Samples of one seed are nested: the first n of a larger sample are the
 * sample of size n, so the memory mode's ¼, ½ and full runs grow one set.
 */
public final class MedNistSample implements ImageSource {
    public static final long SEED = 20240607L;

    private final ZipImageSource zip;
    private final List<String> keys;

    private MedNistSample(ZipImageSource zip, List<String> keys) {
        this.zip = zip;
        this.keys = keys;
    }

    /** {@code count} ≤ 0 means every image. */
    public static MedNistSample open(Path zipFile, Path labels, int count) throws IOException {
        ZipImageSource z = new ZipImageSource(zipFile, labels == null ? LabelTable.empty() : LabelTable.read(labels));
        List<String> all = new ArrayList<>();
        z.keys().forEachRemaining(all::add);
        Collections.sort(all);
        Shuffle.shuffle(all, new Random(SEED));
        if (count > all.size()) {
            z.close();
            throw new IllegalArgumentException(zipFile + " has " + all.size() + " images, " + count + " were asked for");
        }
        return new MedNistSample(z, List.copyOf(count <= 0 ? all : all.subList(0, count)));
    }

    public int size() { return keys.size(); }

    @Override public String describe() { return zip.describe() + " (seeded sample of " + keys.size() + ")"; }

    @Override public Iterator<String> keys() { return keys.iterator(); }

    @Override public long sizeHint() { return keys.size(); }

    @Override
    public LoadedImage load(String key) throws RejectedImageException, IOException { return zip.load(key); }

    @Override public void close() throws IOException { zip.close(); }
}
