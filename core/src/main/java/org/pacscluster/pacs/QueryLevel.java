package org.pacscluster.pacs;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The three QIDO-RS search levels, and which level each matching key belongs to. A filter such as
 * {@code Modality=CT} is a series attribute: sending it to the study search would match nothing on strict servers,
 * so each filter is sent only with the search of its own level. Keys not listed here are instance-level.
 */
public enum QueryLevel {
    STUDY, SERIES, INSTANCE;

    private static final Map<String, QueryLevel> LEVEL_OF = new LinkedHashMap<>();

    static {
        // keyword and tag of the usual study-level matching keys (PS3.18 table 10.6.1-5 and the Study IE)
        study("StudyInstanceUID", "0020000D");
        study("StudyDate", "00080020");
        study("StudyTime", "00080030");
        study("AccessionNumber", "00080050");
        study("ModalitiesInStudy", "00080061");
        study("ReferringPhysicianName", "00080090");
        study("StudyDescription", "00081030");
        study("StudyID", "00200010");
        study("PatientName", "00100010");
        study("PatientID", "00100020");
        study("PatientBirthDate", "00100030");
        study("PatientSex", "00100040");
        series("SeriesInstanceUID", "0020000E");
        series("Modality", "00080060");
        series("SeriesNumber", "00200011");
        series("SeriesDescription", "0008103E");
        series("SeriesDate", "00080021");
        series("BodyPartExamined", "00180015");
        series("PerformedProcedureStepStartDate", "00400244");
        series("PerformedProcedureStepStartTime", "00400245");
    }

    private static void study(String... keys) { for (String k : keys) LEVEL_OF.put(k.toLowerCase(Locale.ROOT), STUDY); }

    private static void series(String... keys) { for (String k : keys) LEVEL_OF.put(k.toLowerCase(Locale.ROOT), SERIES); }

    /** The level whose search carries this key. */
    public static QueryLevel of(String key) {
        return LEVEL_OF.getOrDefault(key.toLowerCase(Locale.ROOT), INSTANCE);
    }

    /** Validates a matching key: a DICOM keyword (letters, digits) or an 8-digit hexadecimal tag. */
    static String checkKey(String key) {
        if (key == null || !key.matches("[A-Za-z][A-Za-z0-9]*|[0-9A-Fa-f]{8}")) {
            throw new IllegalArgumentException("bad query key '" + key + "': use a DICOM keyword (Modality) or tag (00080060)");
        }
        if (key.equalsIgnoreCase("limit") || key.equalsIgnoreCase("offset") || key.equalsIgnoreCase("includefield")) {
            throw new IllegalArgumentException("query key '" + key + "' is reserved; set the instance limit instead");
        }
        return key;
    }

    /** The filters of {@code all} that belong to this level, in their given order. */
    public Map<String, String> select(Map<String, String> all) {
        Map<String, String> mine = new LinkedHashMap<>();
        all.forEach((k, v) -> { if (of(k) == this) mine.put(k, v); });
        return mine;
    }
}
