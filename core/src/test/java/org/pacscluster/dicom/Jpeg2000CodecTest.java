package org.pacscluster.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.pacscluster.SharedData;
import org.pacscluster.dicom.openjpeg.OpenJpeg;
import org.pacscluster.dicom.openjpeg.OpenJpegException;

/** The choice between the two JPEG 2000 decoders, the checks before either runs, and damaged codestreams. */
class Jpeg2000CodecTest {
    static DicomFile corpusFile(String rel) throws DicomRejectedException {
        return (DicomFile) DicomReader.read(DicomConformanceTest.corpusRoot().resolve(rel));
    }

    static String rejection(byte[] data, PixelModule m, Jpeg2000Codec.Choice choice) {
        try {
            Jpeg2000Codec.decode(data, m, choice);
            return null;
        } catch (DicomRejectedException | java.io.IOException | RuntimeException e) {
            // DicomFile turns IOExceptions and RuntimeExceptions of a codec into rejections; Errors must not occur
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("?");
        }
    }

    @Test
    void aSizMarkerLargerThanTheDicomHeaderIsRefusedBeforeAnyDecoderRuns() throws Exception {
        DicomFile f = corpusFile("pydicom-data/US1_J2KR.dcm");
        byte[] d = f.encodedFrame(0).clone();
        assertEquals(0xFF51, (d[2] & 0xFF) << 8 | (d[3] & 0xFF), "SIZ right after SOC");
        // Xsiz (bytes 8..11 from SOC) to 60,000 x 480 x 3: a decoder would allocate by it
        d[8] = 0; d[9] = 0; d[10] = (byte) 0xEA; d[11] = 0x60;
        for (Jpeg2000Codec.Choice c : Jpeg2000Codec.Choice.values()) {
            assertEquals("the JPEG 2000 frame is 60000x480 but the header says 640x480", rejection(d, f.module(), c), c.name());
        }
        byte[] odd = f.encodedFrame(0).clone();
        odd[41] = 4;  // Csiz 3 -> 4: the marker's length no longer fits, so there is no main header to check by
        assertEquals(null, J2kCodestream.of(odd));
        assertEquals("OpenJPEG: no JPEG 2000 main header (SOC, SIZ, COD) at the start of the frame or in a JP2 codestream box",
                rejection(odd, f.module(), Jpeg2000Codec.Choice.NATIVE), "native does not call OpenJPEG unchecked");
    }

    @Test
    void aTruncatedCodestreamIsRejectedOnOneLineByBothDecoders() throws Exception {
        Jpeg2000DecodersAgreeTest.requireOpenJpeg();
        DicomFile f = corpusFile("fo-dicom/CT1_J2KI");
        byte[] full = f.encodedFrame(0);
        for (int cut : new int[] {full.length / 20, full.length / 2, full.length - 2}) {
            byte[] d = Arrays.copyOf(full, cut);
            String viaNative = rejection(d, f.module(), Jpeg2000Codec.Choice.NATIVE);
            assertTrue(viaNative != null && viaNative.startsWith("OpenJPEG: ") && viaNative.lines().count() == 1, cut + ": " + viaNative);
            assertEquals(viaNative, rejection(d, f.module(), Jpeg2000Codec.Choice.AUTO), "auto is OpenJPEG, no retry");
            if (cut < full.length - 2) {
                // JJ2000 decodes a stream without its EOC marker; cut earlier it throws ThreadDeath, caught
                assertEquals("the JPEG 2000 decoder (jai-imageio) gave up: the codestream is truncated or damaged",
                        rejection(d, f.module(), Jpeg2000Codec.Choice.JAVA));
            }
        }
    }

    /**
     * Seeded random damage inside codestreams, half of it in the main header, through each decoder: only one-line
     * rejections (JJ2000 signals some damage with Errors, which must not escape), and OpenJPEG must not crash the JVM.
     */
    @Test
    void damagedCodestreamsAreRejectedOnOneLineByEitherDecoder() throws Exception {
        Jpeg2000DecodersAgreeTest.requireOpenJpeg();
        java.util.Random r = new java.util.Random(12);
        for (String rel : new String[] {"fo-dicom/CT1_J2KI", "pydicom-data/US1_J2KR.dcm"}) {
            DicomFile f = corpusFile(rel);
            byte[] original = f.encodedFrame(0);
            for (int i = 0; i < 120; i++) {
                byte[] d = original.clone();
                int span = r.nextBoolean() ? Math.min(300, d.length) : d.length;
                for (int k = 1 + r.nextInt(8); k > 0; k--) d[r.nextInt(span)] = (byte) r.nextInt(256);
                Jpeg2000Codec.Choice c = Jpeg2000Codec.Choice.values()[i % 3];
                String reason = rejection(d, f.module(), c);
                assertTrue(reason == null || (!reason.isBlank() && reason.lines().count() == 1), rel + " #" + i + " " + c + ": " + reason);
            }
        }
    }

    @Test
    void anUnknownChoiceIsARejectionThatSaysWhatIsAllowed() throws Exception {
        DicomFile f = corpusFile("pydicom-data/US1_J2KR.dcm");
        String before = System.getProperty(Jpeg2000Codec.PROPERTY);
        try {
            System.setProperty(Jpeg2000Codec.PROPERTY, "Nativ");
            DicomRejectedException e = assertThrows(DicomRejectedException.class, () -> f.rawFrame(0));
            assertEquals("-Dpacscluster.j2k must be auto, native or java, not 'nativ'", e.reason());
        } finally {
            if (before == null) System.clearProperty(Jpeg2000Codec.PROPERTY);
            else System.setProperty(Jpeg2000Codec.PROPERTY, before);
        }
    }

    @Test
    void aJp2WrapperIsFoundByItsBoxes() throws Exception {
        Path gbr = DicomConformanceTest.PYDICOM_CORPUS.resolve("test_files/GDCMJ2K_TextGBR.dcm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(gbr), "python3-pydicom test corpus not installed");
        J2kCodestream cs = J2kCodestream.of(((DicomFile) DicomReader.read(gbr)).encodedFrame(0));
        assertEquals(new J2kCodestream(true, 400, 400, 3, false, 8, false, true, false, 5), cs);
    }

    @Test
    void openJpegsThreadsAndConcurrentCallsGiveTheSameSamples() throws Exception {
        Jpeg2000DecodersAgreeTest.requireOpenJpeg();
        DicomFile big = (DicomFile) DicomReader.read(SharedData.data("dicom/nema-compsamples/RG1_J2KI"));
        byte[] data = big.encodedFrame(0);
        int[] one = OpenJpeg.decode(data, false, big.columns(), big.rows(), 1, 1).samples();
        assertArrayEquals(one, OpenJpeg.decode(data, false, big.columns(), big.rows(), 1, 2).samples(), "2 threads");

        List<DicomFile> files = List.of(corpusFile("fo-dicom/CT1_J2KI"), corpusFile("pydicom-data/US1_J2KI.dcm"),
                corpusFile("pydicom-data/US1_J2KR.dcm"), corpusFile("fo-dicom/GH064.dcm"));
        List<int[]> alone = new ArrayList<>();
        for (DicomFile f : files) alone.add(Jpeg2000Codec.decode(f.encodedFrame(0), f.module(), Jpeg2000Codec.Choice.NATIVE).samples());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> together = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                for (DicomFile f : files) {
                    together.add(pool.submit(() -> Jpeg2000Codec.decode(f.encodedFrame(0), f.module(), Jpeg2000Codec.Choice.NATIVE).samples()));
                }
            }
            for (int i = 0; i < together.size(); i++) assertArrayEquals(alone.get(i % files.size()), together.get(i).get(), "call " + i);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void nativeWithoutTheLibrarySaysWhy() {
        // where libopenjp2 is installed this checks the other branch: a decode of a non-codestream is refused
        if (OpenJpeg.available()) {
            OpenJpegException e = assertThrows(OpenJpegException.class, () -> OpenJpeg.decode(new byte[] {1, 2, 3, 4}, false, 1, 1, 1, 1));
            assertTrue(e.getMessage().startsWith("OpenJPEG: "), e.getMessage());
        } else {
            assertTrue(OpenJpeg.unavailableReason().contains("OpenJPEG"), OpenJpeg.unavailableReason());
        }
    }
}
