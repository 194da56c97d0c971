package org.pacscluster.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.pacscluster.SharedData;
import org.pacscluster.dicom.openjpeg.OpenJpeg;

/**
 * The two JPEG 2000 decoders ({@link Jpeg2000Codec}: OpenJPEG through JNA, jai-imageio's JJ2000) on every JPEG 2000
 * file of ../shared/data/dicom, of Debian's pydicom test corpus and of the repository's corpus, every frame:
 * reversible (lossless) codestreams must give identical samples (but for the one JJ2000 decodes only in part, see
 * {@link DicomConformanceTest#JJ2000_PEER_OVERRIDES}); for irreversible (lossy) ones the test reports the largest
 * difference between the two and how far each is from the peers' reference (pydicom 2.3.1 via Pillow, or GDCM:
 * both OpenJPEG). OpenJPEG's statistics must equal the reference's for every file, lossy ones included. (Each
 * decoder's full conformance is DicomConformanceTest, run with -Dpacscluster.j2k=native and =java.)
 */
class Jpeg2000DecodersAgreeTest {

    static void requireOpenJpeg() {
        if (!OpenJpeg.available() && "1".equals(System.getenv("PACSCLUSTER_CI"))) {
            throw new AssertionError(OpenJpeg.unavailableReason() + " (apt-get install -y libopenjp2-7); required when PACSCLUSTER_CI=1");
        }
        Assumptions.assumeTrue(OpenJpeg.available(), () -> "OpenJPEG not available: " + OpenJpeg.unavailableReason());
    }

    /** Reference entries by absolute path, from the three reference files the conformance test uses. */
    static Map<Path, JsonNode> references() throws IOException {
        Map<Path, JsonNode> m = new HashMap<>();
        Object[][] sources = {
                {SharedData.reference("dicom_pydicom.json"), SharedData.root().resolve("data")},
                {SharedData.reference("dicom_pydicom_testfiles.json"), DicomConformanceTest.PYDICOM_CORPUS},
                {DicomConformanceTest.corpusRoot().resolve("reference.json"), DicomConformanceTest.corpusRoot()}};
        for (Object[] s : sources) {
            for (JsonNode e : new ObjectMapper().readTree(((Path) s[0]).toFile()).get("files")) {
                m.put(((Path) s[1]).resolve(e.get("file").asText()).toAbsolutePath().normalize(), e);
            }
        }
        return m;
    }

    record J2kFile(Path path, DicomFile file) {}

    /** Every readable JPEG 2000 DICOM file under the three roots. */
    static List<J2kFile> jpeg2000Files() throws IOException {
        List<Path> roots = new ArrayList<>(List.of(SharedData.data("dicom"), DicomConformanceTest.corpusRoot()));
        if (Files.isDirectory(DicomConformanceTest.PYDICOM_CORPUS.resolve("test_files"))) {
            roots.add(DicomConformanceTest.PYDICOM_CORPUS.resolve("test_files"));
        }
        List<J2kFile> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                    try {
                        DicomImage im = DicomReader.read(p);
                        if (im instanceof DicomFile f && f.transferSyntaxUid().startsWith("1.2.840.10008.1.2.4.9")) {
                            files.add(new J2kFile(p.toAbsolutePath().normalize(), f));
                        }
                    } catch (DicomRejectedException e) {
                        // not DICOM, or not an image: not a JPEG 2000 frame to compare
                    }
                }
            }
        }
        return files;
    }

    record Outcome(RawFrame frame, String rejected) {}

    static Outcome decode(DicomFile f, int frame, Jpeg2000Codec.Choice choice) throws IOException {
        try {
            return new Outcome(Jpeg2000Codec.decode(f.encodedFrame(frame), f.module(), choice), null);
        } catch (DicomRejectedException | IOException e) {
            return new Outcome(null, e.getMessage());
        }
    }

    @Test
    void bothDecodersGiveTheSameSamplesOrOpenJpegsRounding() throws IOException {
        requireOpenJpeg();
        Map<Path, JsonNode> refs = references();
        int lossless = 0, lossy = 0, frames = 0;
        List<String> failures = new ArrayList<>();
        for (J2kFile j : jpeg2000Files()) {
            DicomFile f = j.file();
            Path path = j.path();
            String name = path.getParent().getFileName() + "/" + path.getFileName();
            for (int i = 0; i < f.frameCount(); i++) {
                Outcome jj = decode(f, i, Jpeg2000Codec.Choice.JAVA), open = decode(f, i, Jpeg2000Codec.Choice.NATIVE);
                if (jj.rejected() != null || open.rejected() != null) {
                    System.out.println("  [j2k] " + name + " frame " + i + ": java " + (jj.rejected() == null ? "decodes" : "rejects: " + jj.rejected())
                            + "; native " + (open.rejected() == null ? "decodes" : "rejects: " + open.rejected()));
                    if ((jj.rejected() == null) != (open.rejected() == null)) failures.add(name + " frame " + i + ": one decoder rejects it");
                    continue;
                }
                frames++;
                J2kCodestream cs = J2kCodestream.of(f.encodedFrame(i));
                int[] a = jj.frame().samples(), b = open.frame().samples();
                JsonNode ref = refs.get(path);
                JsonNode px = ref == null ? null : ref.get("pixels");
                if (i == 0 && px != null && px.has("mean")) {
                    // OpenJPEG is the peers' decoder: its statistics equal theirs, lossless or lossy
                    PixelStats sn = PixelStats.of(open.frame(), f.module());
                    List<String> diffs = new ArrayList<>();
                    for (String[] stat : new String[][] {{"min"}, {"max"}, {"mean"}, {"std"}}) {
                        if (!px.has(stat[0])) continue;
                        double got = switch (stat[0]) {
                            case "min" -> sn.min();
                            case "max" -> sn.max();
                            case "mean" -> sn.mean();
                            default -> sn.std();
                        };
                        double want = px.get(stat[0]).asDouble();
                        if (Math.abs(got - want) > DicomConformanceTest.LOSSLESS_TOL * Math.max(1, Math.abs(want))) {
                            diffs.add(stat[0] + " " + got + " vs " + want);
                        }
                    }
                    if (!diffs.isEmpty()) failures.add(name + ": OpenJPEG's statistics differ from the reference's: " + diffs);
                }
                if (!cs.irreversible()) {
                    if (i == 0) lossless++;
                    if (Arrays.equals(a, b)) {
                        if (i == 0) System.out.println("  [j2k] " + name + " (lossless, " + f.frameCount() + " frame(s)): identical");
                        continue;
                    }
                    if (DicomConformanceTest.JJ2000_PEER_OVERRIDES.containsKey(name)) {
                        System.out.println("  [j2k] " + name + " (lossless): JJ2000's decode is partial, " + differing(a, b)
                                + " samples differ; OpenJPEG's equals the reference's statistics");
                    } else {
                        failures.add(name + " frame " + i + " (lossless): " + differing(a, b) + " samples differ");
                    }
                    continue;
                }
                if (i == 0) lossy++;
                int maxDiff = 0, differing = 0;
                for (int k = 0; k < a.length; k++) {
                    int d = Math.abs(a[k] - b[k]);
                    if (d != 0) differing++;
                    maxDiff = Math.max(maxDiff, d);
                }
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  [j2k] %s frame %d (lossy): %d of %d samples differ between the decoders, by at most %d",
                        name, i, differing, a.length, maxDiff));
                if (i == 0 && px != null && px.has("mean")) {
                    PixelStats sj = PixelStats.of(jj.frame(), f.module()), sn = PixelStats.of(open.frame(), f.module());
                    line.append(String.format(Locale.ROOT, "; reference mean %.6f std %.6f; java %+.6f %+.6f; native %+.6f %+.6f",
                            px.get("mean").asDouble(), px.path("std").asDouble(Double.NaN),
                            sj.mean() - px.get("mean").asDouble(), sj.std() - px.path("std").asDouble(Double.NaN),
                            sn.mean() - px.get("mean").asDouble(), sn.std() - px.path("std").asDouble(Double.NaN)));
                    if (px.has("samples")) line.append("; ").append(againstPeerSamples(px.get("samples"), a, b));
                }
                System.out.println(line);
            }
        }
        System.out.println("[j2k] " + frames + " frames compared: " + lossless + " reversible (lossless) files, " + lossy + " irreversible (lossy) files; failures " + failures);
        assertTrue(failures.isEmpty(), failures.toString());
        assertTrue(lossless >= 5 && lossy >= 4, "too few JPEG 2000 files found: " + lossless + " lossless, " + lossy + " lossy");
    }

    private static int differing(int[] a, int[] b) {
        int n = 0;
        for (int k = 0; k < a.length; k++) if (a[k] != b[k]) n++;
        return n;
    }

    /** Both decoders against the peer's own samples, kept by the reference for the one YBR_ICT file. */
    private static String againstPeerSamples(JsonNode spec, int[] jj, int[] open) throws IOException {
        byte[] peer;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(DicomConformanceTest.corpusRoot().resolve(spec.get("path").asText())))) {
            peer = in.readAllBytes();
        }
        assertEquals(jj.length, peer.length, "8-bit peer samples");
        int dj = 0, dn = 0;
        for (int k = 0; k < peer.length; k++) {
            if (jj[k] != (peer[k] & 0xFF)) dj++;
            if (open[k] != (peer[k] & 0xFF)) dn++;
        }
        return "samples unlike pydicom's: java " + dj + ", native " + dn + " of " + peer.length;
    }
}
