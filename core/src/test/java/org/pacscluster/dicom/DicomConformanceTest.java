package org.pacscluster.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.pacscluster.SharedData;

/**
 * Conformance against peers: every file in ../shared/data/dicom, in Debian's python3-pydicom test corpus and in the
 * repository's own corpus (test resources {@code dicom-corpus/}) is inspected and compared with what pydicom 2.3.1
 * read from it, or GDCM where pydicom cannot decode it (../shared/reference/dicom_pydicom*.json and
 * {@code dicom-corpus/reference.json}, made by scripts/dicom_reference.py). Files a peer decodes must decode here too
 * (JPEG-LS, 12-bit lossy JPEG and float pixel data excepted: rejected with that reason) with the same tags and
 * min/max/mean/std; files no peer can read must be rejected with a reason.
 */
class DicomConformanceTest {
    static final Path PYDICOM_CORPUS = Path.of("/usr/lib/python3/dist-packages/pydicom/data");

    /** Relative tolerance for lossless data: the same numbers up to summation order. */
    static final double LOSSLESS_TOL = 1e-6;
    /**
     * JPEG 2000 with the irreversible 9/7 wavelet is computed in floating point; OpenJPEG (behind Pillow and GDCM,
     * which made the reference) and jai-imageio round the result differently, so single pixels differ by ±1 stored
     * level (JPEG2000.dcm: 20 of 262,144 pixels). If every pixel is within ±1, min, max, mean and std are each
     * within 1 level (|std(a)-std(b)| <= rms(a-b) <= 1): that bound is the tolerance with jai-imageio's JJ2000
     * ({@code -Dpacscluster.j2k=java}). When OpenJPEG decodes (the default where libopenjp2 is installed) it must
     * match to the lossless tolerance: it is the peers' own decoder. Baseline JPEG needs no allowance: TwelveMonkeys
     * delegates to the JDK's libjpeg, whose integer IDCT equals Pillow's.
     */
    static final double IRREVERSIBLE_J2K_ABS = 1.0;

    /**
     * GDCMJ2K_TextGBR.dcm: pydicom 2.3's Pillow path fails on it ("broken data stream"), so its reference is GDCM's
     * decode (mean 124.43588125), which OpenJPEG through our binding equals. jai-imageio's JJ2000 decodes it only in
     * part, without an error (the letters' edges are blurred: the last passes are missing): mean 124.48331458333334,
     * pixel-for-pixel what Pillow 9.4 gives with ImageFile.LOAD_TRUNCATED_IMAGES, i.e. up to where OpenJPEG-in-Pillow
     * stopped. With JJ2000 ({@code -Dpacscluster.j2k=java}, or no OpenJPEG) the test holds it to that partial decode.
     */
    static final Map<String, double[]> JJ2000_PEER_OVERRIDES = Map.of(
            "test_files/GDCMJ2K_TextGBR.dcm", new double[] {0, 255, 124.48331458333334});

    /** The overrides for the JPEG 2000 decoder in use: none when OpenJPEG decodes, as it does for the peers. */
    static Map<String, double[]> peerOverrides() {
        return Jpeg2000Codec.openJpegDecodes() ? Map.of() : JJ2000_PEER_OVERRIDES;
    }

    /**
     * Files where the reference is not pydicom's own decode but GDCM's repair: MR_truncated.dcm's pixel data is
     * 62 bytes short; pydicom refuses it and `gdcmconv --raw` zero-fills the missing pixels. We reject truncated
     * files (the spec says so) and count them here.
     */
    static final Set<String> TRUNCATED_IN_REFERENCE = Set.of("test_files/MR_truncated.dcm");

    static final String JPEG_EXTENDED = "1.2.840.10008.1.2.4.51";

    @Test
    void sharedDicomFolderMatchesPydicom() throws IOException {
        Counts c = check(SharedData.reference("dicom_pydicom.json"), SharedData.root().resolve("data"));
        assertEquals(111, c.total, "files in the reference");
    }

    @Test
    void pydicomTestCorpusMatchesPydicom() throws IOException {
        boolean present = Files.isDirectory(PYDICOM_CORPUS.resolve("test_files"));
        if (!present && "1".equals(System.getenv("PACSCLUSTER_CI"))) {
            throw new AssertionError("python3-pydicom test corpus missing at " + PYDICOM_CORPUS
                    + " (apt-get install -y python3-pydicom); required when PACSCLUSTER_CI=1");
        }
        Assumptions.assumeTrue(present, "python3-pydicom test corpus not installed");
        Counts c = check(SharedData.reference("dicom_pydicom_testfiles.json"), PYDICOM_CORPUS);
        assertEquals(165, c.total, "files in the reference");
    }

    /** The repository's own corpus: small public files (PROVENANCE.md beside them) and their peer references. */
    static Path corpusRoot() {
        try {
            return Path.of(DicomConformanceTest.class.getResource("/dicom-corpus/reference.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void repositoryCorpusMatchesPydicomOrGdcm() throws IOException {
        Counts c = check(corpusRoot().resolve("reference.json"), corpusRoot());
        assertEquals(22, c.total, "files in the reference");
    }

    /**
     * DICOM's well-known colour palettes (PS3.6 Annex B; SPRING, SUMMER, FALL and WINTER are segmented), shipped with
     * python3-pydicom: our tables equal pydicom's expansion of them, entry by entry.
     */
    @Test
    void wellKnownPalettesExpandAsInPydicom() throws IOException, DicomRejectedException {
        Path folder = PYDICOM_CORPUS.resolve("palettes");
        boolean present = Files.isDirectory(folder);
        if (!present && "1".equals(System.getenv("PACSCLUSTER_CI"))) {
            throw new AssertionError("python3-pydicom palettes missing at " + folder + "; required when PACSCLUSTER_CI=1");
        }
        Assumptions.assumeTrue(present, "python3-pydicom not installed");
        JsonNode ref = new ObjectMapper().readTree(corpusRoot().resolve("reference.json").toFile()).get("palettes");
        int segmented = 0;
        for (var it = ref.fields(); it.hasNext(); ) {
            var e = it.next();
            Palette p = Palette.from(DicomReader.parseHeader(ByteSource.of(PYDICOM_CORPUS.resolve(e.getKey()))));
            String[] colours = {"red", "green", "blue"};
            for (int c = 0; c < 3; c++) {
                int[] want = new ObjectMapper().convertValue(e.getValue().get(colours[c]), int[].class);
                org.junit.jupiter.api.Assertions.assertArrayEquals(want, p.table(c), e.getKey() + " " + colours[c]);
            }
            if (e.getValue().get("segmented").asBoolean()) segmented++;
        }
        assertEquals(8, ref.size(), "palettes");
        assertEquals(4, segmented, "segmented palettes");
    }

    static final class Counts {
        int total, decodedMatched, noPixelDataRejected, unreadableRejected, unsupportedSkipped, truncatedRejected,
                pydicomFailedWeRejected, pydicomFailedWeDecoded, tagsMatched, irreversibleJ2k, paletteGreyMatched,
                samplewiseMatched;
        /** Files decoded and matched, by the peer whose values they matched. */
        final Map<String, Integer> matchedBy = new TreeMap<>();
        final List<String> failures = new ArrayList<>();
        final Map<String, String> notes = new LinkedHashMap<>();

        @Override
        public String toString() {
            return "files=" + total + " decoded-and-matched=" + decodedMatched + " " + matchedBy
                    + " (lossy J2K: " + irreversibleJ2k + ", exact with OpenJPEG, ±1 level with JJ2000; palette luminance matched: "
                    + paletteGreyMatched + "; sample by sample: " + samplewiseMatched + ") skipped-as-unsupported="
                    + unsupportedSkipped + " rejected-no-pixel-data=" + noPixelDataRejected
                    + " rejected-not-dicom=" + unreadableRejected + " rejected-truncated(reference zero-filled)="
                    + truncatedRejected + " pydicom-failed/we-rejected=" + pydicomFailedWeRejected
                    + " pydicom-failed/we-decoded=" + pydicomFailedWeDecoded + " tags-matched=" + tagsMatched
                    + " failures=" + failures.size();
        }
    }

    static Counts check(Path referenceJson, Path root) throws IOException {
        JsonNode ref = new ObjectMapper().readTree(referenceJson.toFile());
        Counts c = new Counts();
        System.out.println("[conformance " + referenceJson.getFileName() + "] JPEG 2000 decoded by "
                + (Jpeg2000Codec.openJpegDecodes() ? "OpenJPEG" : "jai-imageio (JJ2000)"));
        for (JsonNode e : ref.get("files")) {
            String rel = e.get("file").asText();
            c.total++;
            DicomInspection got;
            try {
                got = DicomInspection.of(root.resolve(rel));
            } catch (Throwable t) {
                c.failures.add(rel + ": uncaught " + t);
                continue;
            }
            compare(root, rel, e, got, c);
        }
        System.out.println("[conformance " + referenceJson.getFileName() + "] " + c);
        c.notes.forEach((k, v) -> System.out.println("  note " + k + ": " + v));
        c.failures.forEach(f -> System.out.println("  FAIL " + f));
        assertTrue(c.failures.isEmpty(), c.failures.size() + " conformance failures, first: "
                + (c.failures.isEmpty() ? "" : c.failures.get(0)));
        return c;
    }

    private static void compare(Path root, String rel, JsonNode e, DicomInspection got, Counts c) {
        if (e.has("error")) {
            if (got.rejected() == null) c.failures.add(rel + ": pydicom cannot read it (" + e.get("error").asText() + ") but we decoded it");
            else if (got.rejected().isBlank()) c.failures.add(rel + ": rejected without a reason");
            else c.unreadableRejected++;
            return;
        }
        if (compareTags(rel, e, got, c)) c.tagsMatched++;
        JsonNode px = e.get("pixels");
        if (px == null || px.isNull()) {
            if (got.rejected() == null) c.failures.add(rel + ": pydicom finds no pixel data but we decoded some");
            else if (!got.rejected().contains("pixel data")) c.failures.add(rel + ": no pixel data, but rejected for: " + got.rejected());
            else c.noPixelDataRejected++;
            return;
        }
        if (px.has("error")) {
            if (got.rejected() != null) {
                c.pydicomFailedWeRejected++;
                c.notes.put(rel, "pydicom/GDCM could not decode it; we reject: " + got.rejected());
            } else {
                c.pydicomFailedWeDecoded++;
                c.notes.put(rel, "pydicom/GDCM could not decode it; we decode it (mean " + got.stats().mean() + ")");
            }
            return;
        }
        String ts = text(e, "TransferSyntaxUID");
        int bitsStored = text(e, "BitsStored").isEmpty() ? 0 : Integer.parseInt(text(e, "BitsStored"));
        boolean floatPixels = text(e, "PixelDataElement").contains("Float");
        boolean unsupported = ts.startsWith("1.2.840.10008.1.2.4.8") || (ts.equals(JPEG_EXTENDED) && bitsStored > 8)
                || floatPixels;
        if (unsupported) {
            String r = got.rejected();
            if (r != null && (r.contains("JPEG-LS") || r.contains("12-bit") || r.contains("Float Pixel Data"))) {
                c.unsupportedSkipped++;
            } else {
                c.failures.add(rel + ": expected an 'unsupported' rejection, got " + (got.rejected() != null ? got.rejected() : "a decode"));
            }
            return;
        }
        if (TRUNCATED_IN_REFERENCE.contains(rel)) {
            if (got.rejected() != null && (got.rejected().contains("truncated") || got.rejected().contains("too short"))) {
                c.truncatedRejected++;
                c.notes.put(rel, "rejected (" + got.rejected() + "); the reference is GDCM's zero-filled repair");
            } else {
                c.failures.add(rel + ": truncated pixel data should be rejected, got " + (got.rejected() != null ? got.rejected() : "a decode"));
            }
            return;
        }
        if (got.rejected() != null) {
            c.failures.add(rel + ": pydicom decodes it but we reject: " + got.rejected());
            return;
        }
        if (peerOverrides().containsKey(rel)) {
            double[] peer = peerOverrides().get(rel);
            List<String> diffs = new ArrayList<>();
            relNear(diffs, "min", got.stats().min(), peer[0], LOSSLESS_TOL);
            relNear(diffs, "max", got.stats().max(), peer[1], LOSSLESS_TOL);
            relNear(diffs, "mean", got.stats().mean(), peer[2], LOSSLESS_TOL);
            if (diffs.isEmpty()) {
                c.decodedMatched++;
                c.matchedBy.merge("Pillow/OpenJPEG partial (JJ2000)", 1, Integer::sum);
                c.notes.put(rel, "JJ2000 matches Pillow/OpenJPEG's partial decode (mean " + peer[2]
                        + "); the reference's GDCM decode has mean " + px.get("mean").asDouble());
            } else {
                c.failures.add(rel + ": differs from Pillow/OpenJPEG's partial decode: " + diffs);
            }
            return;
        }
        // the peer that made the reference: recorded by scripts/dicom_reference.py; the older shared references
        // do not say (pydicom, or GDCM then pydicom for what pydicom cannot decode)
        String peer = e.hasNonNull("reference") ? e.get("reference").asText() : "pydicom or gdcm (not recorded)";
        if (px.has("masked")) {
            // pydicom 2.3 keeps bits above Bits Stored; PS3.5 8.1.1 (and we) do not: compare with pydicom's own
            // modality LUT applied to the masked values (scripts/dicom_reference.py)
            c.notes.put(rel, "stored words have bits above Bits Stored; compared with pydicom's LUT on the masked values");
            px = px.get("masked");
        }
        PixelStats s = got.stats();
        JsonNode shape = e.get("pixels").get("shape");
        boolean ok = s.rows() == shape.get(0).asInt() && s.columns() == shape.get(1).asInt();
        if (!ok) c.failures.add(rel + ": shape " + s.rows() + "x" + s.columns() + " vs " + shape);
        List<String> diffs = new ArrayList<>();
        boolean irreversible = irreversibleJ2k(root.resolve(rel));
        if (irreversible) c.irreversibleJ2k++;
        if (irreversible && !Jpeg2000Codec.openJpegDecodes()) {
            // OpenJPEG, the peers' decoder, is held to the lossless tolerance below
            near(diffs, "min", s.min(), px.get("min").asDouble(), IRREVERSIBLE_J2K_ABS);
            near(diffs, "max", s.max(), px.get("max").asDouble(), IRREVERSIBLE_J2K_ABS);
            near(diffs, "mean", s.mean(), px.get("mean").asDouble(), IRREVERSIBLE_J2K_ABS);
            if (px.has("std")) near(diffs, "std", s.std(), px.get("std").asDouble(), IRREVERSIBLE_J2K_ABS);
        } else {
            relNear(diffs, "min", s.min(), px.get("min").asDouble(), LOSSLESS_TOL);
            relNear(diffs, "max", s.max(), px.get("max").asDouble(), LOSSLESS_TOL);
            relNear(diffs, "mean", s.mean(), px.get("mean").asDouble(), LOSSLESS_TOL);
            if (px.has("std")) relNear(diffs, "std", s.std(), px.get("std").asDouble(), LOSSLESS_TOL);
        }
        JsonNode all = e.get("pixels");
        if (all.has("palette_grey")) comparePaletteGrey(root.resolve(rel), all.get("palette_grey"), diffs, c);
        if (all.has("samples")) compareSamples(root, rel, all.get("samples"), diffs, c);
        if (!diffs.isEmpty()) {
            c.failures.add(rel + " (" + ts + ", " + text(e, "PhotometricInterpretation") + ", reference " + peer + "): " + diffs);
        } else if (ok) {
            c.decodedMatched++;
            c.matchedBy.merge(peer, 1, Integer::sum);
            System.out.println("  matched " + rel + " by " + peer);
        }
    }

    /** PALETTE COLOR: our grey levels (the tables' luminance) against pydicom's apply_color_lut, same weights. */
    private static void comparePaletteGrey(Path file, JsonNode want, List<String> diffs, Counts c) {
        float[] grey;
        try {
            grey = DicomReader.read(file).frame(0, false);
        } catch (DicomRejectedException ex) {
            diffs.add("palette luminance: rejected " + ex.reason());
            return;
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, sum = 0;
        for (float g : grey) {
            lo = Math.min(lo, g);
            hi = Math.max(hi, g);
            sum += g;
        }
        int before = diffs.size();
        // grey levels are floats: 1e-6 relative is their precision
        relNear(diffs, "palette grey min", lo, want.get("min").asDouble(), LOSSLESS_TOL);
        relNear(diffs, "palette grey max", hi, want.get("max").asDouble(), LOSSLESS_TOL);
        relNear(diffs, "palette grey mean", sum / grey.length, want.get("mean").asDouble(), LOSSLESS_TOL);
        if (diffs.size() == before) c.paletteGreyMatched++;
    }

    /**
     * Lossy decodes kept by the reference sample by sample: equal to the peer's when OpenJPEG decodes, within 1 level
     * with JJ2000.
     */
    private static void compareSamples(Path root, String rel, JsonNode spec, List<String> diffs, Counts c) {
        int[] ours;
        byte[] theirs;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(root.resolve(spec.get("path").asText())))) {
            theirs = in.readAllBytes();
            ours = ((DicomFile) DicomReader.read(root.resolve(rel))).rawFrame(0).samples();
        } catch (IOException | DicomRejectedException ex) {
            diffs.add("samples: " + ex);
            return;
        }
        int width = spec.get("dtype").asText().endsWith("1") ? 1 : 2;
        boolean signed = spec.get("dtype").asText().contains("i");
        if (theirs.length != ours.length * width) {
            diffs.add("samples: " + ours.length + " here, " + theirs.length / width + " in the reference");
            return;
        }
        int maxDiff = 0, differing = 0;
        for (int i = 0; i < ours.length; i++) {
            int v = width == 1 ? theirs[i] & 0xFF : (theirs[2 * i] & 0xFF) | (theirs[2 * i + 1] & 0xFF) << 8;
            if (signed) v = width == 1 ? (byte) v : (short) v;
            int d = Math.abs(ours[i] - v);
            if (d != 0) differing++;
            maxDiff = Math.max(maxDiff, d);
        }
        c.notes.put(rel, differing + " of " + ours.length + " samples differ from the peer's, by at most " + maxDiff);
        int allowed = Jpeg2000Codec.openJpegDecodes() ? 0 : 1;  // JJ2000's floating-point rounding: ±1 (see above)
        if (maxDiff > allowed) diffs.add("samples differ by up to " + maxDiff + " (" + differing + " of " + ours.length + " differ)");
        else c.samplewiseMatched++;
    }

    /** Whether the first frame is a JPEG 2000 codestream whose COD marker selects the 9/7 irreversible wavelet. */
    static boolean irreversibleJ2k(Path file) {
        try {
            DicomFile f = (DicomFile) DicomReader.read(file);
            if (!f.transferSyntaxUid().startsWith("1.2.840.10008.1.2.4.9")) return false;
            J2kCodestream cs = J2kCodestream.of(f.encodedFrame(0));
            return cs != null && cs.irreversible();
        } catch (DicomRejectedException | IOException e) {
            return false;
        }
    }

    private static void relNear(List<String> diffs, String what, double got, double want, double rel) {
        if (Math.abs(got - want) > rel * Math.max(1.0, Math.abs(want))) diffs.add(what + " " + got + " vs " + want);
    }

    private static void near(List<String> diffs, String what, double got, double want, double abs) {
        if (Math.abs(got - want) > abs) diffs.add(what + " " + got + " vs " + want);
    }

    private static boolean compareTags(String rel, JsonNode e, DicomInspection got, Counts c) {
        DicomTags t = got.tags();
        if (t == null) {
            c.failures.add(rel + ": pydicom reads its tags but we found none (" + got.rejected() + ")");
            return false;
        }
        List<String> diffs = new ArrayList<>();
        tag(diffs, "SOPInstanceUID", text(e, "SOPInstanceUID"), t.sopInstanceUid());
        tag(diffs, "Modality", text(e, "Modality"), t.modality());
        tag(diffs, "BodyPartExamined", text(e, "BodyPartExamined"), t.bodyPartExamined());
        tag(diffs, "StudyDescription", text(e, "StudyDescription"), t.studyDescription());
        tag(diffs, "SeriesDescription", text(e, "SeriesDescription"), t.seriesDescription());
        if (!text(e, "Rows").isEmpty()) tag(diffs, "Rows", text(e, "Rows"), String.valueOf(t.rows()));
        if (!text(e, "Columns").isEmpty()) tag(diffs, "Columns", text(e, "Columns"), String.valueOf(t.columns()));
        tag(diffs, "TransferSyntaxUID", text(e, "TransferSyntaxUID"), got.transferSyntaxUid() == null ? "" : got.transferSyntaxUid());
        if (got.frames() != null) {
            tag(diffs, "frames", String.valueOf(PixelModule.parseFrames(text(e, "NumberOfFrames"))), String.valueOf(got.frames()));
        }
        if (!diffs.isEmpty()) c.failures.add(rel + ": tags differ " + diffs);
        return diffs.isEmpty();
    }

    private static void tag(List<String> diffs, String name, String want, String got) {
        if (!want.trim().equals(got.trim())) diffs.add(name + " '" + got + "' vs '" + want + "'");
    }

    private static String text(JsonNode e, String field) {
        JsonNode n = e.get(field);
        return n == null || n.isNull() ? "" : n.asText();
    }
}
