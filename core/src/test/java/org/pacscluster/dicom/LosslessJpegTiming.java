package org.pacscluster.dicom;

import java.nio.file.Path;
import java.util.Arrays;
import org.pacscluster.SharedData;

/**
 * Decode times of the large lossless JPEG files, ours against TwelveMonkeys: median of 21 decodes after 15 for
 * warm-up. Not a test (no timed assertions); run by hand:
 * {@code java -cp core/target/test-classes:core/target/classes:$(cat bench/target/classpath.txt) org.pacscluster.dicom.LosslessJpegTiming}
 * (add {@code -Xms1g -XX:+AlwaysPreTouch} for steadier numbers: on the test VM the first decodes of a fresh JVM are
 * slowed mostly by page faults on heap memory touched for the first time, 68 instead of 19 ms for RG2_JPLL).
 */
final class LosslessJpegTiming {
    public static void main(String[] args) throws Exception {
        for (String name : new String[] {"RG2_JPLL", "RG3_JPLL"}) {
            DicomFile f = (DicomFile) DicomReader.read(SharedData.data("dicom/nema-compsamples").resolve(name));
            byte[] data = f.encodedFrame(0);
            PixelModule m = f.module();
            double ours = median(() -> LosslessJpegDecoder.decode(data, m));
            double theirs = median(() -> ImageIoCodec.decodeJpeg(data, m, TransferSyntax.Codec.JPEG_LOSSLESS));
            System.out.printf("%s %dx%d, %d bytes: ours %.1f ms, TwelveMonkeys %.1f ms (median of 21)%n",
                    name, m.columns(), m.rows(), data.length, ours, theirs);
            // the rest of the dicom benchmark's work on the file: grey levels and the resize to 256x256
            Path file = SharedData.data("dicom/nema-compsamples").resolve(name);
            org.pacscluster.dataset.Preprocessor pre = new org.pacscluster.dataset.Preprocessor(256);
            double read = median(() -> DicomReader.read(file));
            double frame = median(() -> ((DicomFile) DicomReader.read(file)).frame(0, true));
            float[] px = f.frame(0, true);
            double resize = median(() -> pre.apply(px, m.rows(), m.columns()));
            System.out.printf("%s: read %.1f ms, read + frame %.1f ms, resize %.1f ms%n", name, read, frame, resize);
        }
    }

    interface Decode { Object run() throws Exception; }

    static double median(Decode d) throws Exception {
        for (int i = 0; i < 15; i++) d.run();
        double[] t = new double[21];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            d.run();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }
}
