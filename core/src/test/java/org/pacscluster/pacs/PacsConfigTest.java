package org.pacscluster.pacs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PacsConfigTest {
    static final String SECRET = "s3cr3t-Pa55";

    @Test
    void sourceUrlBecomesANormalisedRootAndUrlsWithCredentialsAreRefusedWithoutEchoingThem() throws Exception {
        PacsConfig c = PacsConfigLoader.resolve("dicomweb+http://127.0.0.1:8042/dicom-web", null, null, Map.of()).build();
        assertEquals(URI.create("http://127.0.0.1:8042/dicom-web/"), c.root());
        assertEquals("dicomweb+http://127.0.0.1:8042/dicom-web/", c.describe());
        assertInstanceOf(PacsCredentials.Anonymous.class, c.credentials());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PacsConfigLoader.resolve("dicomweb+https://bob:" + SECRET + "@pacs/dicom-web", null, null, Map.of()));
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PacsConfigLoader.resolve("dicomweb+ftp://pacs/x", null, null, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> PacsConfigLoader.resolve("dicomweb+http://pacs/x?Modality=CT", null, null, Map.of()));
        assertTrue(PacsConfigLoader.isPacsSource("DICOMweb+HTTPS://pacs/"));
        assertFalse(PacsConfigLoader.isPacsSource("/data/dicomweb+http"));
    }

    @Test
    void credentialsComeFromTheEnvironmentOrTheFileAndNeverShowInToString(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of(PacsConfigLoader.ENV_USER, "reader", PacsConfigLoader.ENV_PASSWORD, SECRET);
        PacsConfig basic = PacsConfigLoader.resolve("dicomweb+http://pacs/dw", null, null, env).build();
        String header = basic.credentials().authorizationHeader().orElseThrow();
        assertEquals("Basic " + Base64.getEncoder().encodeToString(("reader:" + SECRET).getBytes()), header);
        for (Object o : new Object[] {basic, basic.credentials()}) {
            assertFalse(o.toString().contains(SECRET), o.toString());
            assertFalse(o.toString().contains("reader"), o.toString());
            assertFalse(o.toString().contains(header.substring(6)), o.toString());
        }

        Path file = tmp.resolve("pacs.properties");
        Files.writeString(file, "url=https://pacs.example.org/dicom-web\ntoken=" + SECRET + "\n");
        PacsConfig bearer = PacsConfigLoader.resolve("dicomweb", file, null, Map.of()).build();
        assertEquals(URI.create("https://pacs.example.org/dicom-web/"), bearer.root());
        assertEquals("Bearer " + SECRET, bearer.credentials().authorizationHeader().orElseThrow());
        assertFalse(bearer.toString().contains(SECRET));

        // the environment names the file too, and its user/password win over the file's token → both set: an error
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> PacsConfigLoader.resolve(
                "dicomweb", null, null, Map.of(PacsConfigLoader.ENV_CONFIG, file.toString(), PacsConfigLoader.ENV_USER, "x",
                        PacsConfigLoader.ENV_PASSWORD, "y")));
        assertFalse(both.getMessage().contains(SECRET));
        assertThrows(IllegalArgumentException.class, () -> PacsConfigLoader.resolve("dicomweb+http://pacs/", null, null,
                Map.of(PacsConfigLoader.ENV_USER, "only-a-user")));

        Files.writeString(file, "url=https://pacs/\npasword=" + SECRET + "\n");
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> PacsConfigLoader.resolve("dicomweb", file, null, Map.of()));
        assertTrue(typo.getMessage().contains("unknown key 'pasword'"), typo.getMessage());
        assertFalse(typo.getMessage().contains(SECRET));
    }

    @Test
    void optionsAreValidatedWithReadableMessages() {
        PacsConfig.Builder b = PacsConfig.builder(URI.create("http://pacs/"));
        assertThrows(IllegalArgumentException.class, () -> b.optParallel(0));
        assertThrows(IllegalArgumentException.class, () -> b.optLimit(-1));
        assertThrows(IllegalArgumentException.class, () -> b.optFilter("Modality=CT", "x"));
        assertThrows(IllegalArgumentException.class, () -> b.optFilter("offset", "3"));
        assertEquals(QueryLevel.SERIES, QueryLevel.of("modality"));
        assertEquals(QueryLevel.STUDY, QueryLevel.of("0020000d"));
        assertEquals(QueryLevel.INSTANCE, QueryLevel.of("InstanceNumber"));
    }

    @Test
    void backoffGrowsExponentiallyWithJitterUpToItsCap() {
        RetryPolicy p = new RetryPolicy(8, Duration.ofMillis(100), Duration.ofMillis(1000));
        SplittableRandom r = new SplittableRandom(5);
        long[] caps = {100, 200, 400, 800, 1000, 1000};
        for (int attempt = 1; attempt <= caps.length; attempt++) {
            long min = Long.MAX_VALUE, max = 0;
            for (int i = 0; i < 500; i++) {
                long d = p.delayAfter(attempt, r).toMillis();
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
            long cap = caps[attempt - 1];
            assertTrue(min >= cap / 2 && max <= cap, "attempt " + attempt + ": " + min + ".." + max);
            assertTrue(max - min > cap / 4, "jittered: " + min + ".." + max);
        }
    }
}
