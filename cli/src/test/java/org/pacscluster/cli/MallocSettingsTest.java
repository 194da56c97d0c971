package org.pacscluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.pacscluster.SharedData;

/**
 * The malloc settings (docs/BENCHMARKS.md, "The allocator") are written in three places: the two launchers and the
 * build's test environment. They must say the same, and the tests must run under them.
 */
class MallocSettingsTest {
    @Test
    void launchersAndTestsUseTheSameMallocSettings() throws Exception {
        Pattern launcher = Pattern.compile("export GLIBC_TUNABLES=\"\\$\\{GLIBC_TUNABLES-([^}]+)}\"");
        Matcher dev = launcher.matcher(Files.readString(SharedData.repo().resolve("pacscluster")));
        Matcher release = launcher.matcher(Files.readString(SharedData.repo().resolve("cli/src/release/bin/pacscluster")));
        Matcher pom = Pattern.compile("<pacscluster.glibcTunables>([^<]+)</pacscluster.glibcTunables>")
                .matcher(Files.readString(SharedData.repo().resolve("pom.xml")));
        assertTrue(dev.find() && release.find() && pom.find(), "a setting is missing");
        assertEquals(dev.group(1), release.group(1));
        assertEquals(dev.group(1), pom.group(1));
        assertTrue(dev.group(1).contains("glibc.malloc.mmap_max=0"), dev.group(1));
        // this JVM was started by surefire with the pom's value (unless a run chose glibc's defaults on purpose)
        String here = System.getenv("GLIBC_TUNABLES");
        assertTrue(here != null, "surefire did not pass GLIBC_TUNABLES");
        assertTrue(here.isEmpty() || here.equals(pom.group(1)), here);
    }
}
