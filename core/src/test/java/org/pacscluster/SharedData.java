package org.pacscluster;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the real data and the reference values live: ../shared beside the checkout (set by the pom). */
public final class SharedData {
    private SharedData() {}

    public static Path root() {
        Path p = Path.of(System.getProperty("pacscluster.shared", "../shared")).toAbsolutePath().normalize();
        if (!Files.isDirectory(p.resolve("data"))) {
            throw new IllegalStateException("../shared not found at " + p + " (tests need the shared data beside the checkout)");
        }
        return p;
    }

    /** The checkout's root (the parent of the Maven modules): parity/, scripts/ and bench/ live there. */
    public static Path repo() {
        return Path.of(System.getProperty("pacscluster.repo", "..")).toAbsolutePath().normalize();
    }

    public static Path data(String rel) { return root().resolve("data").resolve(rel); }

    public static Path reference(String file) { return root().resolve("reference").resolve(file); }

    public static Path mednistZip() { return data("mednist/MedNIST_jpeg.zip"); }

    public static Path mednistLabels() { return data("mednist/labels.csv"); }
}
