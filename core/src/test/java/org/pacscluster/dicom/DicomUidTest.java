package org.pacscluster.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pacscluster.SharedData;

/** The study and series instance UIDs we keep (for the Spark tables) are the ones pydicom reads from each file. */
class DicomUidTest {
    @Test
    void studyAndSeriesUidsEqualPydicoms() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
        List<Path> files;
        try (Stream<Path> s = Files.list(SharedData.data("dicom/nema-compsamples"))) {
            files = s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".md")).sorted().toList();
        }
        List<String> cmd = new ArrayList<>(List.of(python.toString(), "-c",
                "import sys, pydicom\nfor f in sys.argv[1:]:\n d = pydicom.dcmread(f, stop_before_pixels=True)\n"
                        + " print(d.get('StudyInstanceUID', ''), d.get('SeriesInstanceUID', ''))"));
        for (Path f : files) cmd.add(f.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
        assumeTrue(p.waitFor() == 0, "pydicom not available: " + lines);
        assertEquals(files.size(), lines.size());
        int checked = 0;
        for (int i = 0; i < files.size(); i++) {
            String[] expected = (lines.get(i) + " ").split(" ", -1);
            DicomTags t;
            try {
                t = DicomReader.read(files.get(i)).tags();
            } catch (DicomRejectedException unsupported) {
                continue; // e.g. 12-bit lossy JPEG: no image, no row in any table
            }
            assertEquals(expected[0], t.studyInstanceUid(), files.get(i) + " study");
            assertEquals(expected[1], t.seriesInstanceUid(), files.get(i) + " series");
            if (!expected[0].isEmpty()) checked++;
        }
        assertTrue(checked >= 5, "files with a study UID: " + checked);
    }
}
