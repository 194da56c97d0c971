package org.pacscluster.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.SharedData;

/**
 * Bad input never escapes as anything but a {@link DicomRejectedException} with a reason: truncated copies of a
 * real file, text named .dcm, an empty file, random bytes, and (seeded) random damage to real and built files.
 */
class DicomBadInputTest {
    static Path ctSmall() { return SharedData.data("dicom/pydicom-testfiles/CT_small.dcm"); }

    /** Reads and decodes the middle frame; returns the rejection reason, or null when the file was usable. */
    static String outcome(byte[] bytes) {
        try {
            DicomImage im = DicomReader.read(bytes, "fuzz");
            im.frame(im.frameCount() / 2, true);
            return null;
        } catch (DicomRejectedException e) {
            assertTrue(e.reason() != null && !e.reason().isBlank(), "a rejection without a reason");
            assertEquals(1, e.reason().lines().count(), "reason on one line: " + e.reason());
            return e.reason();
        }
    }

    @Test
    void truncatedCopiesOfARealFileAreRejected(@TempDir Path dir) throws IOException {
        byte[] full = Files.readAllBytes(ctSmall());
        int pixelStart = indexOf(full, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W'}) + 12;
        int pixelEnd = pixelStart + 128 * 128 * 2;  // elements after the pixel data are not needed
        int[] cuts = {50, 131, 200, pixelStart / 2, pixelStart - 4, pixelStart + 1000, pixelEnd - 1};
        for (int cut : cuts) {
            byte[] part = Arrays.copyOf(full, cut);
            String reason = outcome(part);
            assertTrue(reason != null, "a copy cut at " + cut + " of " + full.length + " bytes was accepted");
            Path f = dir.resolve("cut" + cut + ".dcm");
            Files.write(f, part);
            DicomRejectedException e = assertThrows(DicomRejectedException.class, () -> DicomReader.read(f).frame(0, false));
            assertEquals(reason, e.reason());
            if (cut > pixelStart) assertTrue(reason.contains("truncated"), reason);
        }
    }

    private static int indexOf(byte[] b, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= b.length; i++) {
            for (int k = 0; k < what.length; k++) if (b[i + k] != what[k]) continue outer;
            return i;
        }
        throw new AssertionError("pattern not found");
    }

    @Test
    void textNamedDcmEmptyFileAndMissingFile(@TempDir Path dir) throws IOException {
        Path text = dir.resolve("notes.dcm");
        Files.writeString(text, "Patient study notes\nnot an image at all\n", StandardCharsets.UTF_8);
        assertTrue(assertThrows(DicomRejectedException.class, () -> DicomReader.read(text)).reason().contains("not a DICOM file"));
        Path empty = dir.resolve("empty.dcm");
        Files.write(empty, new byte[0]);
        assertEquals("empty file", assertThrows(DicomRejectedException.class, () -> DicomReader.read(empty)).reason());
        assertEquals("no such file", assertThrows(DicomRejectedException.class,
                () -> DicomReader.read(dir.resolve("absent.dcm"))).reason());
        assertTrue(assertThrows(DicomRejectedException.class, () -> DicomReader.read(dir)).reason().contains("folder"));
    }

    @Test
    void randomBytesWithAndWithoutADicomPrefix() {
        Random r = new Random(20240601);
        for (int i = 0; i < 300; i++) {
            byte[] b = new byte[1 + r.nextInt(4000)];
            r.nextBytes(b);
            if (i % 2 == 1 && b.length > 140) {
                // a valid preamble and meta start, so the parser gets into the data set before the garbage
                Arrays.fill(b, 0, 128, (byte) 0);
                System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, b, 128, 4);
                byte[] meta = {2, 0, 0x10, 0, 'U', 'I', 2, 0, '1', 0};
                System.arraycopy(meta, 0, b, 132, meta.length);
            }
            assertTrue(outcome(b) != null, "random bytes #" + i + " were accepted as an image");
        }
    }

    private static byte[] jpegFile() throws IOException {
        BufferedImage img = new BufferedImage(24, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) for (int x = 0; x < 24; x++) img.getRaster().setSample(x, y, 0, x * 10 + y);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", o);
        TestDicom d = TestDicom.forSyntax(TestDicom.JPEG_BASELINE);
        d.image(16, 24, 8, 8, 0, "MONOCHROME2").encapsulated(new int[0], o.toByteArray());
        return TestDicom.part10(TestDicom.JPEG_BASELINE, d.bytes());
    }

    /** A small image whose Modality LUT Sequence sits in the first 1500 bytes, where most damage goes. */
    private static byte[] modalityLutFile() {
        TestDicom item = new TestDicom(true, false);
        item.element(0x00283002, "US", item.words(8, 0, 16)).element(0x00283006, "OW", item.words(9, 8, 7, 6, 5, 4, 3, 2));
        TestDicom d = TestDicom.forSyntax(TestDicom.EXPLICIT_LE);
        d.image(4, 4, 16, 16, 0, "MONOCHROME1").sequence(0x00283000, item.bytes())
                .element(0x7FE00010, "OW", d.words(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
        return TestDicom.part10(TestDicom.EXPLICIT_LE, d.bytes());
    }

    @Test
    void randomDamageToRealAndBuiltFilesIsRejectedOrRead() throws IOException {
        Path corpus = DicomConformanceTest.corpusRoot();
        byte[][] files = {
                Files.readAllBytes(SharedData.data("dicom/pydicom-testfiles/MR_small.dcm")),
                Files.readAllBytes(SharedData.data("dicom/pydicom-data/emri_small.dcm")),
                jpegFile(),
                // the Modality LUT Sequence, segmented palettes (8- and 16-bit entries) and YBR_ICT JPEG 2000
                Files.readAllBytes(corpus.resolve("pydicom-data/mlut_18.dcm")),
                Files.readAllBytes(corpus.resolve("generated/segmented_palette_8bit.dcm")),
                Files.readAllBytes(corpus.resolve("generated/segmented_palette_16bit.dcm")),
                Files.readAllBytes(corpus.resolve("pydicom-data/US1_J2KI.dcm")),
                modalityLutFile()};
        Random r = new Random(7);
        int rejected = 0, read = 0;
        for (byte[] original : files) {
            assertEquals(null, outcome(original), "the undamaged file must read");
            for (int i = 0; i < 150; i++) {
                byte[] b = original.clone();
                int flips = 1 + r.nextInt(8);
                // damage the header region more often: that is where lengths and structure live
                int span = r.nextBoolean() ? Math.min(b.length, 1500) : b.length;
                for (int k = 0; k < flips; k++) b[r.nextInt(span)] = (byte) r.nextInt(256);
                if (outcome(b) == null) read++;
                else rejected++;
            }
        }
        System.out.println("[fuzz] damaged files: " + read + " still readable, " + rejected + " rejected, 0 uncaught");
    }
}
