package org.pacscluster.pacs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacscluster.SharedData;

/**
 * The DICOMweb client against a real Orthanc holding the real DICOM files of ../shared/data/dicom: QIDO paging and
 * filters, original bytes over WADO-RS, retries across a PACS restart, refused credentials. Truth comes from the
 * files on disk and from Orthanc's own REST API, not from the code under test.
 */
class DicomWebOrthancTest {
    @TempDir
    static Path tmp;

    static OrthancServer orthanc;
    static List<OrthancServer.Upload> uploads;
    static final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startOrthanc() throws Exception {
        OrthancServer.assumeInstalled();
        orthanc = OrthancServer.start(tmp.resolve("orthanc"));
        uploads = orthanc.uploadFolder(SharedData.data("dicom"));
    }

    @AfterAll
    static void stopOrthanc() throws Exception {
        if (orthanc != null) orthanc.close();
    }

    static PacsConfig.Builder config() {
        return PacsConfig.builder(orthanc.dicomWebRoot()).optCredentials(orthanc.credentials())
                .optRetry(new RetryPolicy(4, Duration.ofMillis(50), Duration.ofMillis(400))).optWarnings(warnings::add);
    }

    static List<String> listKeys(PacsConfig cfg) throws Exception {
        List<String> keys = new ArrayList<>();
        try (DicomWebClient c = new DicomWebClient(cfg)) {
            new InstanceLister(c).forEachRemaining(r -> keys.add(r.key()));
        }
        return keys;
    }

    static Set<String> uploadedKeys() {
        Set<String> s = new HashSet<>();
        for (OrthancServer.Upload u : uploads) s.add(u.ref().key());
        return s;
    }

    @Test
    void qidoPagingListsEveryInstanceOnceAtAnyPageSize() throws Exception {
        Set<String> expected = uploadedKeys();
        assertEquals(orthanc.restJson("statistics").path("CountInstances").asInt(), expected.size());
        assertTrue(expected.size() >= 90, "the shared DICOM folder holds about 100 instances, got " + expected.size());

        List<String> paged;
        long requests;
        try (DicomWebClient c = new DicomWebClient(config().optPageSize(3).build())) {
            paged = new ArrayList<>();
            new InstanceLister(c).forEachRemaining(r -> paged.add(r.key()));
            requests = c.requestCount();
        }
        List<String> onePage = listKeys(config().optPageSize(1000).build());
        assertEquals(expected.size(), paged.size(), "no instance listed twice");
        assertEquals(expected, new HashSet<>(paged));
        assertEquals(onePage, paged, "same instances in the same order whatever the page size");
        int studies = orthanc.restJson("studies").size();
        assertTrue(requests > studies, "paging by 3 over " + studies + " studies took only " + requests + " requests");

        List<String> limited = listKeys(config().optPageSize(3).optLimit(7).build());
        assertEquals(paged.subList(0, 7), limited, "--limit 7 gives the first 7 instances");
    }

    @Test
    void modalityFilterGoesToTheSeriesSearchAndMatchesOrthancsOwnIndex() throws Exception {
        Map<String, String> keyOfOrthancId = new HashMap<>();
        for (OrthancServer.Upload u : uploads) keyOfOrthancId.put(u.orthancId(), u.ref().key());
        Set<String> expectedCt = new HashSet<>();
        for (JsonNode series : orthanc.restJson("series?expand")) {
            if (!"CT".equals(series.path("MainDicomTags").path("Modality").asText())) continue;
            for (JsonNode id : series.path("Instances")) expectedCt.add(keyOfOrthancId.get(id.asText()));
        }
        assertTrue(expectedCt.size() >= 10, "CT instances in the shared folder: " + expectedCt.size());
        List<String> ct = listKeys(config().optPageSize(4).optFilter("Modality", "CT").build());
        assertEquals(expectedCt, new HashSet<>(ct));
        assertEquals(expectedCt.size(), ct.size());
        // the same filter by tag number
        assertEquals(ct, listKeys(config().optPageSize(4).optFilter("00080060", "CT").build()));
    }

    @Test
    void wadoRetrievesTheOriginalBytesOfEveryInstanceInParallel() throws Exception {
        List<OrthancServer.Upload> stored = uploads.stream().filter(u -> u.status().equals("Success")).toList();
        assertTrue(stored.stream().anyMatch(u -> u.file().getFileName().toString().equals("RG1_J2KI")),
                "the JPEG 2000 file is among them (Orthanc cannot transcode it: only original bytes work)");
        Map<OrthancServer.Upload, Future<byte[]>> fetched = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (DicomWebClient c = new DicomWebClient(config().optParallel(3).build())) {
            for (OrthancServer.Upload u : stored) fetched.put(u, pool.submit(() -> c.retrieveInstance(u.ref())));
            for (OrthancServer.Upload u : stored) {
                assertEquals(sha256(Files.readAllBytes(u.file())), sha256(fetched.get(u).get()),
                        "bytes of " + u.file().getFileName());
            }
            assertTrue(c.peakParallelDownloads() <= 3, "at most --parallel downloads at once: " + c.peakParallelDownloads());
            assertTrue(c.peakParallelDownloads() >= 2, "downloads did overlap: " + c.peakParallelDownloads());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void retriesRideOutAPacsRestartAndGiveUpWhenItStaysDown() throws Exception {
        orthanc.kill();
        try (DicomWebClient patient = new DicomWebClient(config()
                .optRetry(new RetryPolicy(12, Duration.ofMillis(100), Duration.ofMillis(500))).build())) {
            Thread restarter = new Thread(() -> {
                try {
                    Thread.sleep(800);
                    orthanc.startProcess();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            int before = warnings.size();
            restarter.start();
            DicomWebClient.QidoPage page = patient.search("studies", Map.of(), 5, 0);
            restarter.join();
            assertEquals(5, page.results().size());
            assertTrue(patient.requestCount() >= 2, "it had to retry");
            assertTrue(warnings.subList(before, warnings.size()).stream().anyMatch(w -> w.contains("connection refused")),
                    "a retry notice says why: " + warnings);
        } finally {
            orthanc.startProcess();
        }

        orthanc.kill();
        try (DicomWebClient hasty = new DicomWebClient(config()
                .optRetry(new RetryPolicy(2, Duration.ofMillis(20), Duration.ofMillis(20))).build())) {
            PacsException e = assertThrows(PacsException.class, () -> hasty.search("studies", Map.of(), 5, 0));
            assertEquals(-1, e.status());
            assertTrue(e.getMessage().startsWith("PACS at " + orthanc.dicomWebRoot() + " failed after 2 tries"), e.getMessage());
            assertEquals(2, hasty.requestCount());
            // once given up, the next request fails at once instead of waiting out its own retries
            assertThrows(PacsException.class, () -> hasty.retrieveInstance(uploads.get(0).ref()));
            assertEquals(2, hasty.requestCount());
        } finally {
            orthanc.startProcess();
        }
    }

    @Test
    void wrongOrMissingCredentialsEndAtOnceWithOneClearLine() throws Exception {
        for (PacsCredentials wrong : List.of(PacsCredentials.basic(OrthancServer.USER, "not-" + orthanc.password()),
                PacsCredentials.NONE, PacsCredentials.bearer("some-token-value"))) {
            try (DicomWebClient c = new DicomWebClient(config().optCredentials(wrong).build())) {
                PacsAccessDeniedException e = assertThrows(PacsAccessDeniedException.class,
                        () -> c.search("studies", Map.of(), 10, 0));
                assertEquals(401, e.status());
                assertEquals(1, c.requestCount(), "401 is never retried");
                assertEquals(1, e.getMessage().lines().count());
                assertTrue(e.getMessage().contains("refused access (HTTP 401"), e.getMessage());
                assertFalse(e.getMessage().contains(orthanc.password()));
                assertFalse(e.getMessage().contains("some-token-value"));
            }
        }
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
