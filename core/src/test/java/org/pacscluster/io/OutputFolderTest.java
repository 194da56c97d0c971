package org.pacscluster.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output rules in isolation (the commands' cases are in the CLI's HostileOutputTest). */
class OutputFolderTest {
    private static OutputFolder.Kind kind(String k) {
        return new OutputFolder.Kind(ResumeKey.builder("sweep").put("k", k).build(), List.of("sweep.csv"), null, false);
    }

    @Test
    void aFolderIsContinuedOnlyWithItsKeyAndOverwritingSparesForeignFiles(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        OutputConflictException foreign = assertThrows(OutputConflictException.class,
                () -> OutputFolder.claim(dir, kind("2"), List.of(), false, "test"));
        assertTrue(foreign.overwritable() && foreign.getMessage().contains("not written by pacscluster"), foreign.getMessage());
        try (OutputFolder f = OutputFolder.claim(dir, kind("2"), List.of(), true, "test")) {
            assertFalse(f.resumed());
            Files.writeString(dir.resolve("sweep.csv"), "k\n2\n");
        }
        try (OutputFolder f = OutputFolder.claim(dir, kind("2"), List.of(), false, "test")) {
            assertTrue(f.resumed());
        }
        OutputConflictException other = assertThrows(OutputConflictException.class,
                () -> OutputFolder.claim(dir, kind("3"), List.of(), false, "test"));
        assertTrue(other.getMessage().contains("k: 2 → 3"), other.getMessage());
        try (OutputFolder f = OutputFolder.claim(dir, kind("3"), List.of(), true, "test")) {
            assertFalse(Files.exists(f.dir().resolve("sweep.csv")), "our file went");
            assertEquals("mine", Files.readString(dir.resolve("notes.txt")), "the user's file stays");
        }
    }

    @Test
    void aSecondClaimInTheSameProcessIsRefusedAndTheLockIsReleasedOnClose(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("busy");
        try (OutputFolder f = OutputFolder.claim(dir, kind("2"), List.of(), false, "first")) {
            assertFalse(f.resumed());
            OutputConflictException e = assertThrows(OutputConflictException.class,
                    () -> OutputFolder.claim(dir, kind("2"), List.of(), true, "second"));
            assertTrue(e.getMessage().contains("in use by pacscluster first (pid " + ProcessHandle.current().pid()),
                    e.getMessage());
            assertFalse(e.overwritable(), "--overwrite does not break a lock");
        }
        OutputFolder.claim(dir, kind("2"), List.of(), false, "third").close();
    }

    @Test
    void anOutputIsNeverAnInputInsideOneOrHoldingOne(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("data"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), in);
        List<OutputPaths.Input> inputs = List.of(OutputPaths.input("the dataset", in));
        for (Path out : List.of(in, in.resolve("x.csv"), link.resolve("x.csv"), tmp)) {
            OutputConflictException e = assertThrows(OutputConflictException.class,
                    () -> OutputPaths.requireApart(out, true, inputs));
            assertFalse(e.overwritable(), out.toString());
            assertTrue(e.getMessage().contains(out.toString()), e.getMessage());
        }
        OutputPaths.requireApart(tmp.resolve("data2"), true, inputs);          // a sibling whose name starts alike
        OutputPaths.requireFile(tmp.resolve("new.csv"), false, inputs);
        Files.writeString(tmp.resolve("old.csv"), "x");
        assertTrue(assertThrows(OutputConflictException.class,
                () -> OutputPaths.requireFile(tmp.resolve("old.csv"), false, inputs)).overwritable());
        OutputPaths.requireFile(tmp.resolve("old.csv"), true, inputs);
    }

    @Test
    void theTempFileOfADeadWriterGoesWithTheNextWriteALiveOnesStays(@TempDir Path tmp) throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Path stale = Files.writeString(tmp.resolve(".a.csv.pid" + p.pid() + ".7.tmp"), "half");
        Path live = Files.writeString(tmp.resolve(".a.csv.pid" + ProcessHandle.current().pid() + ".8.tmp"), "busy");
        Path otherTarget = Files.writeString(tmp.resolve(".b.csv.pid" + p.pid() + ".9.tmp"), "half");
        assertTrue(AtomicFiles.isTemporary(stale.getFileName().toString()));
        AtomicFiles.writeString(tmp.resolve("a.csv"), "done");
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(live) && Files.exists(otherTarget), "only the dead writer's file of this target");
        assertEquals("done", Files.readString(tmp.resolve("a.csv")));
    }
}
