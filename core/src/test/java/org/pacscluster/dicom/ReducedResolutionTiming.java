package org.pacscluster.dicom;

import java.nio.file.Path;
import java.util.Locale;
import org.pacscluster.SharedData;
import org.pacscluster.dataset.Preprocessor;

/**
 * Read + decode + preprocess of the large lossy JPEG 2000 radiograph (RG1_J2KI, 1955×1841) at 64² and 256², halved
 * in decoding ({@link ReducedResolution}) and in full: median of 21 after 15 for warm-up, OpenJPEG on one thread
 * ({@code -Dpacscluster.j2k=java}: JJ2000, which has no threads of its own).
 * Not a test; run by hand like {@link LosslessJpegTiming}.
 */
final class ReducedResolutionTiming {
    public static void main(String[] args) throws Exception {
        System.setProperty(Jpeg2000Codec.THREADS_PROPERTY, "1");
        Path file = SharedData.data("dicom/nema-compsamples").resolve("RG1_J2KI");
        for (int size : new int[] {64, 256}) {
            Preprocessor pre = new Preprocessor(size);
            for (String reduce : new String[] {"auto", "off"}) {
                System.setProperty(Jpeg2000Codec.REDUCE_PROPERTY, reduce);
                int[] halvings = new int[1];
                double ms = LosslessJpegTiming.median(() -> {
                    DicomImage img = DicomReader.read(file);
                    GreyFrame g = img.frame(0, true, size);
                    halvings[0] = g.halvings();
                    return pre.apply(g.values(), img.rows(), img.columns(), g.halvings());
                });
                System.out.printf(Locale.ROOT, "RG1_J2KI at %d: reduce=%s (%d halvings) %.1f ms%n", size, reduce, halvings[0], ms);
            }
        }
    }
}
