package org.pacscluster.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetWriterTest {
    private static final DatasetWriter.Settings S = new DatasetWriter.Settings(8, 16);

    @Test
    void aKillDuringAWriteLosesOnlyTheImageBeingWritten(@TempDir Path dir) throws Exception {
        try (DatasetWriter w = DatasetWriter.openOrResume(dir, S)) {
            w.append(entry("a"), ramp(0.1f));
            w.append(entry("b"), ramp(0.2f));
            w.reject("bad.dcm", "not a DICOM file");
        }
        // what a kill leaves behind: the next image's pixels half written, its record line torn
        Files.write(dir.resolve(Dataset.PIXELS), new byte[40], StandardOpenOption.APPEND);
        Files.writeString(dir.resolve(DatasetWriter.PARTIAL), "key-c,c,src-c,CT,HE", StandardOpenOption.APPEND);
        Files.writeString(dir.resolve(Dataset.REJECTED), "half.dcm,trunc", StandardOpenOption.APPEND);

        try (DatasetWriter w = DatasetWriter.openOrResume(dir, S)) {
            assertEquals(2, w.count());
            assertEquals(1, w.rejectedCount());
            assertTrue(w.isDone("key-a") && w.isDone("bad.dcm"));
            assertFalse(w.isDone("key-c") || w.isDone("half.dcm"));
            w.append(entry("c"), ramp(0.3f));
            w.finish(1, 0.0, "test", "default", "test");
        }
        try (Dataset ds = Dataset.open(dir)) {
            assertEquals(3, ds.size());
            assertEquals(0.3f * 63 / 63, ds.image(2)[63], 1f / 65535);
            assertEquals("c", ds.record(2).id());
        }
        String rejected = Files.readString(dir.resolve(Dataset.REJECTED), StandardCharsets.UTF_8);
        assertEquals("file,reason\nbad.dcm,not a DICOM file\n", rejected);
    }

    @Test
    void refusesOtherSettings(@TempDir Path dir) throws Exception {
        // (a foreign folder is refused where every output folder is claimed: io.OutputFolder, HostileOutputTest)
        DatasetWriter.openOrResume(dir.resolve("d"), S).close();
        assertThrows(IllegalArgumentException.class,
                () -> DatasetWriter.openOrResume(dir.resolve("d"), new DatasetWriter.Settings(16, 16)));
    }

    @Test
    void sixteenBitPixelsRoundTrip(@TempDir Path dir) throws Exception {
        try (DatasetWriter w = DatasetWriter.openOrResume(dir, S)) {
            w.append(entry("a"), ramp(1f));
            w.finish(1, 0.0, "test", "default", "test");
        }
        try (Dataset ds = Dataset.open(dir)) {
            float[] px = ds.image(0);
            float[] expected = ramp(1f);
            for (int i = 0; i < px.length; i++) assertEquals(expected[i], px[i], 0.5f / 65535 + 1e-7f);
        }
    }

    private static DatasetWriter.Entry entry(String id) {
        return new DatasetWriter.Entry("key-" + id, id, "src-" + id, "CT", "HEAD", "HEAD", "", "");
    }

    private static float[] ramp(float top) {
        float[] a = new float[64];
        for (int i = 0; i < a.length; i++) a[i] = top * i / 63f;
        return a;
    }
}
