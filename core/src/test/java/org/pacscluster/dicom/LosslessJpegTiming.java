package org.pacscluster.dicom;

import java.nio.file.Path;
import java.util.Arrays;
import org.pacscluster.SharedData;

/**
 * Decode times of the large lossless JPEG files, ours against TwelveMonkeys: median of 21 decodes after 15 for
 * warm-up. Not a test (no timed assertions); run by hand:
 * {@code java -cp core/target/test-classes:core/target/classes:$(cat bench/target/classpath.txt) org.pacscluster.dicom.LosslessJpegTiming}
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
