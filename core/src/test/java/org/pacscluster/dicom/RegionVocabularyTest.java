package org.pacscluster.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegionVocabularyTest {
    private final RegionVocabulary v = RegionVocabulary.defaults();

    private static DicomTags tags(String bodyPart, String study, String series) {
        return new DicomTags("1", "CT", bodyPart, study, series, 1, 1);
    }

    @Test
    void synonymsInSeveralLanguagesMapToOneRegion() {
        for (String term : new String[] {"CHEST", "thorax", "Lung", "LUNGS", "TORAX", "Tórax", "PLUCA", "Płuca",
                "poumon", "Brustkorb", "klatka piersiowa"}) {
            assertEquals("CHEST", v.lookup(term), term);
        }
        assertEquals("HEAD", v.lookup("brain"));
        assertEquals("HEAD", v.lookup("Schädel"));
        assertEquals("SPINE", v.lookup("CSPINE"));
        assertEquals("SPINE", v.lookup("c-spine"));
        assertEquals("WHOLEBODY", v.lookup("WHOLE BODY"));
    }

    @Test
    void coversMedNistRegionsAndUsualBodyPartTerms() {
        for (String r : new String[] {"abdomen", "breast", "chest", "hand", "head"}) {
            assertEquals(r.toUpperCase(), v.lookup(r), r);
        }
        String[][] dicomTerms = {{"ABDOMEN", "ABDOMEN"}, {"PELVIS", "PELVIS"}, {"KNEE", "LEG"}, {"ANKLE", "LEG"},
                {"FOOT", "FOOT"}, {"SHOULDER", "SHOULDER"}, {"ELBOW", "ARM"}, {"WRIST", "HAND"}, {"HIP", "HIP"},
                {"LSPINE", "SPINE"}, {"TSPINE", "SPINE"}, {"NECK", "NECK"}, {"HEART", "HEART"}, {"SKULL", "HEAD"},
                {"EXTREMITY", "EXTREMITY"}, {"BREAST", "BREAST"}, {"HEADNECK", "HEAD"}, {"ABDOMENPELVIS", "ABDOMEN"}};
        for (String[] t : dicomTerms) assertEquals(t[1], v.lookup(t[0]), t[0]);
    }

    @Test
    void bodyPartFirstThenStudyThenSeries() {
        assertEquals("CHEST", v.region(tags("CHEST", "Abdomen CT", "Liver")));
        assertEquals("SHOULDER", v.region(tags("", "SHOULDER", "Brain")));
        assertEquals("ABDOMEN", v.region(tags("", "", "Liver Segmentation")));
        assertEquals("ABDOMEN", v.region(tags("", "abdomen^liver", "marked lesion<MPR Collection>")));
        assertEquals("HEAD", v.region(tags("", "CT, HEAD/BRAIN WO CONTRAST", "Routine Brain")));
        assertEquals("LEG", v.region(tags("", "Non-ossifying fibroma of distal tibia", "")));
        assertEquals("HEART", v.region(tags("", "Echocardiogram", "PS LAX MR & AI")));
        // an unknown BodyPartExamined falls through to the descriptions
        assertEquals("HEAD", v.region(tags("XYZZY", "Brain-MRA", "")));
    }

    @Test
    void wholeWordsOnlyAndTheLongestTermWins() {
        assertEquals(RegionVocabulary.UNKNOWN, v.find("Brainstorming session"), "no match inside a word");
        assertEquals("TRUNK", v.find("CT CHEST ABDOMEN PELVIS WITH CONTRAST"));
        assertEquals("SPINE", v.find("XR Cervical Spine 2 views"));
        assertEquals("SPINE", v.find("MR THORACIC SPINE"), "THORACIC SPINE is longer than THORACIC");
    }

    @Test
    void nothingFoundIsUnknownNeverEmpty() {
        assertEquals(RegionVocabulary.UNKNOWN, v.region(tags("", "", "")));
        assertEquals(RegionVocabulary.UNKNOWN, v.region(tags("", "Testing File-set", "Scout")));
        assertEquals(RegionVocabulary.UNKNOWN, v.lookup(null));
    }

    @Test
    void labelDeriverGivesModalityAndRegion() {
        LabelDeriver d = new LabelDeriver(v);
        assertEquals(new LabelDeriver.Labels("CR", "CHEST"), d.derive(new DicomTags("1", "CR", "CHEST", "", "", 1, 1)));
        assertEquals(new LabelDeriver.Labels("UNKNOWN", "UNKNOWN"), d.derive(new DicomTags("1", " ", "", "", "", 1, 1)));
    }

    @Test
    void aUsersFileReplacesTheDefaults(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("mine.txt");
        Files.writeString(f, "# my site\nLUNGS: pluca, chest, Thorax\n\nBONE_MARROW: marrow,\n");
        RegionVocabulary mine = RegionVocabulary.load(f);
        assertEquals("LUNGS", mine.region(tags("", "Płuca AP", "")));
        assertEquals("BONE_MARROW", mine.lookup("bone marrow"), "the region name is a term too");
        assertEquals("BONE_MARROW", mine.lookup("MARROW"));
        assertEquals(RegionVocabulary.UNKNOWN, mine.lookup("HEAD"), "only the user's terms count");
    }

    @Test
    void malformedLinesAreReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        String[][] cases = {
                {"CHEST lung\n", "line 1", "REGION: term"},
                {"# ok\nCHEST: lung,, thorax\n", "line 2", "empty term"},
                {"CHEST: lung\nHEAD: LUNG\n", "line 2", "already CHEST (line 1)"},
                {"CHE ST: lung\n", "line 1", "letters, digits and _"},
                {"UNKNOWN: foo\n", "line 1", "cannot be a region"},
                {"# nothing\n", "no regions", ""}};
        for (String[] c : cases) {
            Path f = dir.resolve("v.txt");
            Files.writeString(f, c[0]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegionVocabulary.load(f));
            assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains(c[1]) && e.getMessage().contains(c[2]),
                    e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), "one-line message");
        }
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> RegionVocabulary.load(dir.resolve("absent.txt")));
        assertTrue(missing.getMessage().contains("does not exist"));
    }

    @Test
    void sharedDicomFilesGetTheirDocumentedRegions() {
        // regions named in ../shared/data/dicom/PROVENANCE.md ("the region is then only in the descriptions")
        assertEquals("SHOULDER", v.region(tags("", "SHOULDER", "")));  // MR2
        assertEquals("HEAD", v.region(tags("", "BRAIN", "")));  // MR4
        assertEquals("EXTREMITY", v.region(tags("EXTREMITY", "Non-ossifying fibroma of distal tibia", "")));  // RG3
        assertEquals("BREAST", v.region(tags("BREAST", "Malignant mass with micro-calcifications", "")));  // MG1
        assertEquals("NECK", v.region(tags("", "Carotids", "FAST LOCALIZER")));
    }
}
