package org.pacscluster.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.pacscluster.SharedData;

/** One small test per step of the reader and pixel pipeline, on files built byte by byte (see {@link TestDicom}). */
class DicomDecodingStepsTest {
    private static final int PIXEL_DATA = 0x7FE00010;

    private static DicomImage read(String ts, TestDicom ds) throws DicomRejectedException {
        return DicomReader.read(TestDicom.part10(ts, ds.bytes()), "test");
    }

    /** A 2x3 16-bit image whose stored values are known, in any native transfer syntax. */
    private static DicomImage small16(String ts, int... values) throws DicomRejectedException {
        TestDicom d = TestDicom.forSyntax(ts);
        d.text(0x00080018, "UI", "1.2.3.4").text(0x00080060, "CS", "CT").image(2, 3, 16, 16, 1, "MONOCHROME2");
        d.element(PIXEL_DATA, "OW", d.words(values));
        return read(ts, d);
    }

    private static float[] floats(int... v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = v[i];
        return f;
    }

    @Test
    void implicitExplicitAndBigEndianGiveTheSameValues() throws Exception {
        int[] v = {0, 1, -1, 1000, -32768, 32767};
        for (String ts : new String[] {TestDicom.IMPLICIT_LE, TestDicom.EXPLICIT_LE, TestDicom.EXPLICIT_BE, TestDicom.DEFLATED}) {
            DicomImage im = small16(ts, v);
            assertArrayEquals(floats(v), im.frame(0, false), ts);
            assertEquals("CT", im.tags().modality(), ts);
            assertEquals("1.2.3.4", im.tags().sopInstanceUid(), ts);
            assertEquals(ts, im.transferSyntaxUid());
        }
    }

    @Test
    void bareDataSetWithoutPreambleOrMetaIsRead() throws Exception {
        TestDicom d = new TestDicom(false, false);
        d.text(0x00080060, "CS", "MR").image(1, 2, 16, 16, 0, "MONOCHROME2").element(PIXEL_DATA, "OW", d.words(7, 9));
        DicomImage im = DicomReader.read(d.bytes(), "bare");
        assertArrayEquals(floats(7, 9), im.frame(0, false));
        assertEquals("MR", im.tags().modality());
    }

    @Test
    void metaWithoutPreambleAndBareBigEndianDataSetsAreRead() throws Exception {
        byte[] full = Files.readAllBytes(SharedData.data("dicom/pydicom-testfiles/MR_small.dcm"));
        byte[] noPreamble = Arrays.copyOfRange(full, 132, full.length);  // starts with the group 0002 meta
        assertArrayEquals(DicomReader.read(full, "a").frame(0, false), DicomReader.read(noPreamble, "b").frame(0, false));
        TestDicom be = new TestDicom(true, true);
        be.text(0x00080060, "CS", "MR").image(1, 2, 16, 16, 0, "MONOCHROME2").element(PIXEL_DATA, "OW", be.words(258, 3));
        DicomImage im = DicomReader.read(be.bytes(), "bare big endian");
        assertEquals(TestDicom.EXPLICIT_BE, im.transferSyntaxUid());
        assertArrayEquals(floats(258, 3), im.frame(0, false));
    }

    @Test
    void emptyImageAndMissingPixelDataAreRejected() {
        TestDicom zero = TestDicom.forSyntax(TestDicom.EXPLICIT_LE);
        zero.image(0, 0, 16, 16, 0, "MONOCHROME2").element(PIXEL_DATA, "OW", new byte[0]);
        DicomRejectedException e = assertThrows(DicomRejectedException.class, () -> read(TestDicom.EXPLICIT_LE, zero));
        assertEquals("empty image: 0x0", e.reason());
        TestDicom none = TestDicom.forSyntax(TestDicom.EXPLICIT_LE);
        none.text(0x00080016, "UI", "1.2.840.10008.5.1.4.1.1.88.11").text(0x00080060, "CS", "SR");
        e = assertThrows(DicomRejectedException.class, () -> read(TestDicom.EXPLICIT_LE, none));
        assertEquals("no pixel data (a structured report)", e.reason());
        TestDicom shortData = TestDicom.forSyntax(TestDicom.EXPLICIT_LE);
        shortData.image(4, 4, 16, 16, 0, "MONOCHROME2").element(PIXEL_DATA, "OW", new byte[30]);
        e = assertThrows(DicomRejectedException.class, () -> read(TestDicom.EXPLICIT_LE, shortData));
        assertTrue(e.reason().startsWith("pixel data too short (30 bytes, 32 needed"), e.reason());
    }

    @Test
    void aDamagedSopClassUidKeepsTheReasonOnOneLine() {
        assertEquals(" (SOP class 1.2?840)", SopClasses.describe("1.2\n840"));
    }

    @Test
    void deflatedDataSetIsInflated() throws Exception {
        // the same data set deflated and not: the bytes differ, the image must not
        TestDicom d = TestDicom.forSyntax(TestDicom.EXPLICIT_LE);
        d.image(2, 2, 8, 8, 0, "MONOCHROME2").element(PIXEL_DATA, "OB", new byte[] {1, 2, 3, 4});
        byte[] deflated = TestDicom.part10(TestDicom.DEFLATED, d.bytes());
        assertArrayEquals(floats(1, 2, 3, 4), DicomReader.read(deflated, "dfl").frame(0, false));
        byte[] corrupt = deflated.clone();
        for (int i = corrupt.length - 8; i < corrupt.length; i++) corrupt[i] ^= 0x5A;
        corrupt[corrupt.length - 12] = (byte) 0xFF;
        assertRejected(() -> DicomReader.read(corrupt, "bad").frame(0, false));
    }

    @Test
    void undefinedLengthSequencesBeforePixelDataAreSkipped() throws Exception {
        TestDicom inner = TestDicom.forSyntax(TestDicom.EXPLICIT_LE);
        inner.text(0x00080060, "CS", "XX").undefinedSequence(0x00081115, new TestDicom(true, false)
                .text(0x00081150, "UI", "1.2").bytes());
        TestDicom d = TestDicom.forSyntax(TestDicom.EXPLICIT_LE);
        d.text(0x00080060, "CS", "CR").undefinedSequence(0x00081110, inner.bytes())
                .image(1, 1, 16, 16, 0, "MONOCHROME2").element(PIXEL_DATA, "OW", d.words(42));
        DicomImage im = read(TestDicom.EXPLICIT_LE, d);
        assertEquals("CR", im.tags().modality(), "a nested Modality must not replace the top-level one");
        assertArrayEquals(floats(42), im.frame(0, false));
    }

    @Test
    void bitsStoredMaskingAndSignExtension() throws Exception {
        // 12 bits stored in 16: the top 4 bits are not part of the value (here set as garbage / overlay bits)
        TestDicom d = TestDicom.forSyntax(TestDicom.EXPLICIT_LE);
        d.image(1, 3, 16, 12, 1, "MONOCHROME2").element(PIXEL_DATA, "OW", d.words(0xF7FF, 0x0800, 0x0FFF));
        assertArrayEquals(floats(2047, -2048, -1), read(TestDicom.EXPLICIT_LE, d).frame(0, false));
        TestDicom u = TestDicom.forSyntax(TestDicom.EXPLICIT_LE);
        u.image(1, 2, 16, 12, 0, "MONOCHROME2").element(PIXEL_DATA, "OW", u.words(0xF123, 0x0FFF));
        assertArrayEquals(floats(0x123, 0xFFF), read(TestDicom.EXPLICIT_LE, u).frame(0, false));
    }

    @Test
    void oneBitPixelsUnpackLeastSignificantBitFirst() throws Exception {
        TestDicom d = TestDicom.forSyntax(TestDicom.EXPLICIT_LE);
        // 3x3 = 9 bits: 1,0,1,1,0,0,0,0 | 1
        d.image(3, 3, 1, 1, 0, "MONOCHROME2").element(PIXEL_DATA, "OB", new byte[] {0b00001101, 0b00000001});
        assertArrayEquals(floats(1, 0, 1, 1, 0, 0, 0, 0, 1), read(TestDicom.EXPLICIT_LE, d).frame(0, false));
    }

    @Test
    void rescaleAndMonochrome1Inversion() throws Exception {
        TestDicom d = TestDicom.forSyntax(TestDicom.EXPLICIT_LE);
        d.image(1, 3, 8, 8, 0, "MONOCHROME1").text(0x00281052, "DS", "-100").text(0x00281053, "DS", "2")
                .element(PIXEL_DATA, "OB", new byte[] {0, 10, (byte) 255, 0});
        DicomImage im = read(TestDicom.EXPLICIT_LE, d);
        assertArrayEquals(floats(-100, -80, 410), im.frame(0, false));
        // inverted within the rescaled stored range [-100, 410]: v -> -100 + 410 - v
        assertArrayEquals(floats(410, 390, -100), im.frame(0, true));
    }

    @Test
    void rescaleNeedsBothSlopeAndInterceptAsInPydicom() throws Exception {
        TestDicom d = TestDicom.forSyntax(TestDicom.EXPLICIT_LE);
        d.image(1, 1, 8, 8, 0, "MONOCHROME2").text(0x00281053, "DS", "2").element(PIXEL_DATA, "OB", new byte[] {5, 0});
        assertArrayEquals(floats(5), read(TestDicom.EXPLICIT_LE, d).frame(0, false));
    }

    /** One Modality LUT Sequence item: 4 entries from stored value -2 (SS), 16 bits: 100, 200, 300, 400. */
    private static byte[] modalityLutItem() {
        TestDicom item = new TestDicom(true, false);
        byte[] first = item.words(0xFFFE);  // -2 as SS
        item.element(0x00283002, "SS", new byte[] {4, 0, first[0], first[1], 16, 0})
                .text(0x00283004, "LO", "HU").element(0x00283006, "US", item.words(100, 200, 300, 400));
        return item.bytes();
    }

    @Test
    void modalityLutSequenceMapsStoredValuesThroughItsTable() throws Exception {
        // pydicom 2.3.1's apply_modality_lut on the same data set gives [100 100 300 400 400]: values below the
        // first mapped one take the first entry, values past the end the last; the rescale present is not used
        for (boolean definedLength : new boolean[] {true, false}) {
            TestDicom d = TestDicom.forSyntax(TestDicom.EXPLICIT_LE);
            d.image(1, 5, 16, 16, 1, "MONOCHROME1").text(0x00281052, "DS", "5").text(0x00281053, "DS", "2");
            if (definedLength) d.sequence(0x00283000, modalityLutItem());
            else d.undefinedSequence(0x00283000, modalityLutItem());
            d.element(PIXEL_DATA, "OW", d.words(0xFFFD, 0xFFFE, 0, 1, 5));  // -3 -2 0 1 5
            DicomFile f = (DicomFile) read(TestDicom.EXPLICIT_LE, d);
            assertArrayEquals(floats(100, 100, 300, 400, 400), f.frame(0, false), "defined length " + definedLength);
            assertEquals(260, f.stats(0).mean(), 1e-9);
            // MONOCHROME1 is mirrored within the table's output range [100, 400]
            assertArrayEquals(floats(400, 400, 200, 100, 100), f.frame(0, true));
        }
    }

    @Test
    void modalityLutSequenceWithoutItsDataIsRejected() {
        TestDicom item = new TestDicom(true, false);
        item.element(0x00283002, "US", item.words(4, 0, 16));
        TestDicom d = TestDicom.forSyntax(TestDicom.EXPLICIT_LE);
        d.image(1, 1, 16, 16, 0, "MONOCHROME2").sequence(0x00283000, item.bytes()).element(PIXEL_DATA, "OW", d.words(1));
        DicomRejectedException e = assertThrows(DicomRejectedException.class, () -> read(TestDicom.EXPLICIT_LE, d));
        assertEquals("Modality LUT Sequence (0028,3000) without LUT Data (0028,3006)", e.reason());
    }

    @Test
    void anEmptyModalityLutSequenceLeavesTheRescale() throws Exception {
        // pydicom: ds.get("ModalityLUTSequence") is false for an empty sequence, so the rescale applies
        TestDicom d = TestDicom.forSyntax(TestDicom.EXPLICIT_LE);
        d.image(1, 2, 16, 16, 0, "MONOCHROME2").text(0x00281052, "DS", "-1").text(0x00281053, "DS", "3")
                .sequence(0x00283000).element(PIXEL_DATA, "OW", d.words(1, 10));
        assertArrayEquals(floats(2, 29), read(TestDicom.EXPLICIT_LE, d).frame(0, false));
    }

    @Test
    void segmentedLutSegmentsExpandAsInPydicom() throws Exception {
        // the expected tables are pydicom 2.3.1's _expand_segmented_lut of the same data
        byte[] words = TestDicom.forSyntax(TestDicom.EXPLICIT_LE).words(
                0, 3, 0, 1000, 2000,   // discrete: 3 entries
                1, 5, 3000,            // linear: 5 entries up to 3000
                2, 1, 0, 0,            // indirect: 1 segment found again at offset 0 (the discrete one)
                1, 3, 7);              // linear: 3 entries down to 7 (rounded half to even)
        assertArrayEquals(new int[] {0, 1000, 2000, 2200, 2400, 2600, 2800, 3000, 0, 1000, 2000, 1336, 671, 7},
                SegmentedLut.expand(words, 16, false));
        byte[] bytes = {0, 2, 10, 20, 1, 4, 9, 2, 1, 0, 0, 0, 0, 1, 3, (byte) 255};  // 8-bit entries: one byte each
        assertArrayEquals(new int[] {10, 20, 17, 14, 12, 9, 10, 20, 98, 177, 255}, SegmentedLut.expand(bytes, 8, false));
    }

    @Test
    void malformedSegmentedLutsAreRejected() {
        byte[][] bad = {
                {1, 3, 7},                       // a linear segment first: nothing to start from
                {0, 1, 5, 2, 1, 0, 0, 0, 0},     // indirect to offset 0 ... fine, but then:
                {0, 1, 5, 2, 1, 5, 0, 0, 0},     // an indirect segment refers to itself
                {0, 1, 5, 9, 1},                 // unknown segment type
                {0, 1, 5, 1, (byte) 255}};       // the data ends inside a segment
        assertRejected(() -> SegmentedLut.expand(bad[0], 8, false));
        assertArrayEquals(new int[] {5, 5}, assertDoesNotThrow(() -> SegmentedLut.expand(bad[1], 8, false)));
        assertRejected(() -> SegmentedLut.expand(bad[2], 8, false));
        assertRejected(() -> SegmentedLut.expand(bad[3], 8, false));
        assertRejected(() -> SegmentedLut.expand(bad[4], 8, false));
        assertRejected(() -> SegmentedLut.expand(new byte[] {0, 1, 5}, 12, false));
    }

    @Test
    void segmentedPaletteIndicesGoThroughTheExpandedTables() throws Exception {
        TestDicom d = TestDicom.forSyntax(TestDicom.EXPLICIT_LE);
        d.image(1, 3, 8, 8, 0, "PALETTE COLOR");
        for (int c = 0; c < 3; c++) d.element(0x00281101 + c, "US", d.words(3, 0, 16));
        d.element(0x00281221, "OW", d.words(0, 1, 65535, 1, 2, 0))   // red: 65535, then linear down to 0
                .element(0x00281222, "OW", d.words(0, 3, 0, 0, 0))    // green: 0 0 0
                .element(0x00281223, "OW", d.words(0, 3, 0, 0, 0));   // blue: 0 0 0
        d.element(PIXEL_DATA, "OB", new byte[] {0, 1, 2, 0});
        // red table: 65535, round(32767.5) = 32768 (half to even), 0
        assertArrayEquals(new float[] {(float) (0.299 * 65535), (float) (0.299 * 32768), 0f},
                read(TestDicom.EXPLICIT_LE, d).frame(0, false), 0.05f);
    }

    @Test
    void irreversibleColourIsRoundedToNearestLikeOpenJpeg() throws Exception {
        // JJ2000 gave (int)(v + 0.5f) for v = sample - 128: one too high for every v < 0 (see roundIctLikeOpenJpeg)
        int[] s = {0, 1, 100, 127, 128, 129, 255};
        ImageIoCodec.roundIctLikeOpenJpeg(s, 8, false);
        assertArrayEquals(new int[] {0, 0, 99, 126, 128, 129, 255}, s);
        int[] signed = {-128, -5, 0, 5};
        ImageIoCodec.roundIctLikeOpenJpeg(signed, 8, true);
        assertArrayEquals(new int[] {-128, -6, 0, 5}, signed);
    }

    @Test
    void j2kMainHeaderTellsTheColourTransform() throws Exception {
        Path corpus = DicomConformanceTest.corpusRoot();
        J2kCodestream ict = J2kCodestream.of(((DicomFile) DicomReader.read(corpus.resolve("pydicom-data/US1_J2KI.dcm"))).encodedFrame(0));
        assertEquals(new J2kCodestream(false, 640, 480, 3, false, 8, false, true, true, 5), ict);
        assertTrue(ict.irreversibleColour());
        J2kCodestream rct = J2kCodestream.of(((DicomFile) DicomReader.read(corpus.resolve("pydicom-data/US1_J2KR.dcm"))).encodedFrame(0));
        assertEquals(new J2kCodestream(false, 640, 480, 3, false, 8, false, true, false, 5), rct);
        assertEquals(null, J2kCodestream.of(new byte[] {(byte) 0xFF, 0x4F, 0, 0}));
    }

    @Test
    void multiFrameNativeReadsOnlyTheAskedFrame() throws Exception {
        TestDicom d = TestDicom.forSyntax(TestDicom.EXPLICIT_LE);
        d.image(2, 2, 16, 16, 0, "MONOCHROME2").text(0x00280008, "IS", "3")
                .element(PIXEL_DATA, "OW", d.words(1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3));
        DicomImage im = read(TestDicom.EXPLICIT_LE, d);
        assertEquals(3, im.frameCount());
        assertArrayEquals(floats(2, 2, 2, 2), im.frame(im.frameCount() / 2, true));
        assertArrayEquals(floats(3, 3, 3, 3), im.frame(2, false));
        assertRejected(() -> im.frame(3, false));
    }

    @Test
    void planarRgbIsInterleavedAndBecomesLuminance() throws Exception {
        TestDicom d = TestDicom.forSyntax(TestDicom.EXPLICIT_LE);
        d.us(0x00280002, 3).text(0x00280004, "CS", "RGB").us(0x00280006, 1).us(0x00280010, 1).us(0x00280011, 2)
                .us(0x00280100, 8).us(0x00280101, 8).us(0x00280103, 0)
                .element(PIXEL_DATA, "OB", new byte[] {(byte) 200, 0, 100, 0, 50, (byte) 255});  // R R G G B B
        float[] f = read(TestDicom.EXPLICIT_LE, d).frame(0, false);
        assertEquals(0.299 * 200 + 0.587 * 100 + 0.114 * 50, f[0], 1e-4);
        assertEquals(0.114 * 255, f[1], 1e-4);
    }

    @Test
    void ybrFull422IsExpandedAndItsLuminanceIsY() throws Exception {
        TestDicom d = TestDicom.forSyntax(TestDicom.EXPLICIT_LE);
        d.us(0x00280002, 3).text(0x00280004, "CS", "YBR_FULL_422").us(0x00280006, 0).us(0x00280010, 1)
                .us(0x00280011, 2).us(0x00280100, 8).us(0x00280101, 8).us(0x00280103, 0)
                .element(PIXEL_DATA, "OB", new byte[] {10, 20, 30, 40});  // Y1 Y2 Cb Cr
        DicomFile f = (DicomFile) read(TestDicom.EXPLICIT_LE, d);
        assertArrayEquals(new int[] {10, 30, 40, 20, 30, 40}, f.rawFrame(0).samples());
        assertArrayEquals(floats(10, 20), f.frame(0, false));
    }

    @Test
    void paletteIndicesGoThroughTheLookupTables() throws Exception {
        TestDicom d = TestDicom.forSyntax(TestDicom.EXPLICIT_LE);
        d.image(1, 3, 8, 8, 0, "PALETTE COLOR");
        // 2 entries starting at index 1, 16 bits: entry 0 = pure red (max), entry 1 = pure blue
        for (int c = 0; c < 3; c++) d.element(0x00281101 + c, "US", d.words(2, 1, 16));
        d.element(0x00281201, "OW", d.words(65535, 0)).element(0x00281202, "OW", d.words(0, 0))
                .element(0x00281203, "OW", d.words(0, 65535));
        d.element(PIXEL_DATA, "OB", new byte[] {0, 1, 2, 0});
        float[] f = read(TestDicom.EXPLICIT_LE, d).frame(0, false);
        // index 0 is below the first mapped value: it takes the first entry (PS3.3 C.7.6.3.1.5)
        assertArrayEquals(new float[] {(float) (0.299 * 65535), (float) (0.299 * 65535), (float) (0.114 * 65535)}, f, 0.05f);
    }

    @Test
    void packBitsLiteralReplicateAndNoOp() {
        // literal run of 3 (n=2), replicate 0x07 four times (n=-3), no-op (-128), literal run of 1
        byte[] seg = {2, 10, 11, 12, -3, 7, -128, 0, 99};
        byte[] out = new byte[8];
        assertEquals(8, RleDecoder.unpackBits(seg, 0, seg.length, out));
        assertArrayEquals(new byte[] {10, 11, 12, 7, 7, 7, 7, 99}, out);
    }

    @Test
    void rleFrameWithTwoByteSegmentsMostSignificantFirst() throws Exception {
        // 1x2 image, 16-bit signed: values 0x0102 and 0xFFFE (= -2): segment 1 = high bytes, segment 2 = low bytes
        byte[] frame = new byte[64 + 3 + 3];
        frame[0] = 2;
        frame[4] = 64;
        frame[8] = 67;
        byte[] hi = {1, 0x01, (byte) 0xFF}, lo = {1, 0x02, (byte) 0xFE};
        System.arraycopy(hi, 0, frame, 64, 3);
        System.arraycopy(lo, 0, frame, 67, 3);
        TestDicom d = TestDicom.forSyntax(TestDicom.RLE);
        d.image(1, 2, 16, 16, 1, "MONOCHROME2").encapsulated(new int[0], frame);
        assertArrayEquals(floats(0x0102, -2), read(TestDicom.RLE, d).frame(0, false));
        frame[0] = 3;  // segment count that does not fit 16-bit grey
        TestDicom bad = TestDicom.forSyntax(TestDicom.RLE);
        bad.image(1, 2, 16, 16, 1, "MONOCHROME2").encapsulated(new int[0], frame);
        assertRejected(() -> read(TestDicom.RLE, bad).frame(0, false));
    }

    /** A grey JPEG of known content, written by the JDK's encoder. */
    private static byte[] jpeg(int seed) throws Exception {
        BufferedImage img = new BufferedImage(16, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 8; y++) for (int x = 0; x < 16; x++) img.getRaster().setSample(x, y, 0, (x * 16 + y * seed) & 0xFF);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", o);
        return o.toByteArray();
    }

    private static float[] decodedByImageIo(byte[] jpeg) throws Exception {
        BufferedImage b = ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
        int[] px = b.getRaster().getPixels(0, 0, b.getWidth(), b.getHeight(), (int[]) null);
        float[] f = new float[px.length];
        for (int i = 0; i < px.length; i++) f[i] = px[i];
        return f;
    }

    @Test
    void encapsulatedFramesSpanningFragmentsAreFoundByOffsetTableOrMarkers() throws Exception {
        byte[][] frames = {jpeg(3), jpeg(9), jpeg(20)};
        byte[][] fragments = new byte[6][];
        int[] table = new int[3];
        int pos = 0;
        for (int i = 0; i < 3; i++) {
            int half = frames[i].length / 2;
            fragments[2 * i] = Arrays.copyOfRange(frames[i], 0, half);
            fragments[2 * i + 1] = Arrays.copyOfRange(frames[i], half, frames[i].length);
            table[i] = pos;
            pos += 8 + fragments[2 * i].length + 8 + fragments[2 * i + 1].length;
        }
        for (int[] bot : new int[][] {table, new int[0]}) {
            TestDicom d = TestDicom.forSyntax(TestDicom.JPEG_BASELINE);
            d.image(8, 16, 8, 8, 0, "MONOCHROME2").text(0x00280008, "IS", "3").encapsulated(bot, fragments);
            DicomImage im = read(TestDicom.JPEG_BASELINE, d);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(decodedByImageIo(frames[i]), im.frame(i, false), "frame " + i + ", table " + bot.length);
            }
        }
    }

    @Test
    void libjpegColourConversionIsBitExact() throws Exception {
        // The JDK decodes JFIF JPEGs to RGB with libjpeg; our conversion of the raw YCbCr raster must equal it.
        BufferedImage img = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) for (int x = 0; x < 32; x++) img.setRGB(x, y, (x * 8) << 16 | (y * 16) << 8 | ((x + y) * 5));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", o);
        javax.imageio.ImageReader jdk = ImageIO.getImageReadersByFormatName("jpeg").next();
        jdk.setInput(ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(o.toByteArray())));
        int[] ycc = jdk.readRaster(0, null).getPixels(0, 0, 32, 16, (int[]) null);
        BufferedImage rgb = ImageIO.read(new java.io.ByteArrayInputStream(o.toByteArray()));
        Colour.ycbcrToRgb(ycc);
        int[] want = rgb.getRaster().getPixels(0, 0, 32, 16, (int[]) null);
        assertArrayEquals(want, ycc);
    }

    @Test
    void realMultiFrameFileGivesItsMiddleFrame() throws Exception {
        // emri_small.dcm: 10 frames of 64x64; each frame is read on its own and differs from the others
        Path f = SharedData.data("dicom/pydicom-data/emri_small.dcm");
        DicomImage im = DicomReader.read(f);
        assertEquals(10, im.frameCount());
        float[] mid = im.frame(im.frameCount() / 2, true);
        assertEquals(64 * 64, mid.length);
        assertTrue(!Arrays.equals(mid, im.frame(0, true)));
        assertArrayEquals(mid, DicomReader.read(Files.readAllBytes(f), "bytes").frame(5, true));
    }

    @Test
    void filesReadOnDemandGiveTheSameResultsAsFilesReadWhole() throws Exception {
        // large files are not read whole; force that path on every shared file and compare
        List<Path> files;
        try (Stream<Path> s = Files.walk(SharedData.data("dicom"))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        int images = 0;
        for (Path p : files) {
            DicomInspection whole = DicomInspection.of(ByteSource.of(p, Long.MAX_VALUE));
            DicomInspection onDemand = DicomInspection.of(ByteSource.of(p, 0));
            assertEquals(whole, onDemand, p.toString());
            if (whole.stats() != null) images++;
        }
        assertTrue(images > 40, "images compared: " + images);
    }

    @Test
    void unsupportedSyntaxesAreRejectedByName() throws Exception {
        TestDicom d = TestDicom.forSyntax(TestDicom.EXPLICIT_LE);
        d.image(1, 1, 8, 8, 0, "MONOCHROME2").encapsulated(new int[0], new byte[] {1, 2});
        DicomRejectedException ls = assertThrows(DicomRejectedException.class,
                () -> DicomReader.read(TestDicom.part10("1.2.840.10008.1.2.4.80", d.bytes()), "ls"));
        assertTrue(ls.reason().contains("JPEG-LS"), ls.reason());
        DicomRejectedException other = assertThrows(DicomRejectedException.class,
                () -> DicomReader.read(TestDicom.part10("1.2.3.4.5.6", d.bytes()), "x"));
        assertTrue(other.reason().contains("1.2.3.4.5.6"), other.reason());
    }

    interface Action { void run() throws Exception; }

    static void assertRejected(Action a) {
        try {
            a.run();
        } catch (DicomRejectedException e) {
            assertTrue(e.reason() != null && !e.reason().isBlank(), "a rejection needs a reason");
            return;
        } catch (Exception e) {
            throw new AssertionError("expected a DicomRejectedException, got " + e, e);
        }
        throw new AssertionError("expected a DicomRejectedException, but it was read");
    }
}
