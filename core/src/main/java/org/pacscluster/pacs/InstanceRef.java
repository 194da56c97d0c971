package org.pacscluster.pacs;

/**
 * One DICOM instance on a PACS, by its three UIDs. Its {@link #key()} "study/series/instance" is the ingest key: it
 * depends only on the UIDs, so it is the same in every run and an interrupted ingest can skip what it finished.
 */
public record InstanceRef(String studyUid, String seriesUid, String sopInstanceUid) {
    public InstanceRef {
        checkUid("StudyInstanceUID", studyUid);
        checkUid("SeriesInstanceUID", seriesUid);
        checkUid("SOPInstanceUID", sopInstanceUid);
    }

    /** The stable ingest key: {@code studyUID/seriesUID/instanceUID}. */
    public String key() { return studyUid + "/" + seriesUid + "/" + sopInstanceUid; }

    /** The inverse of {@link #key()}. */
    public static InstanceRef parse(String key) {
        String[] p = key.split("/", -1);
        if (p.length != 3) throw new IllegalArgumentException("not a DICOMweb instance key (study/series/instance): " + key);
        return new InstanceRef(p[0], p[1], p[2]);
    }

    /** The WADO-RS path below the DICOMweb root. */
    String path() {
        return "studies/" + studyUid + "/series/" + seriesUid + "/instances/" + sopInstanceUid;
    }

    // UIDs are digits and dots (PS3.5 9.1); a little more is tolerated for real-world servers, but never anything
    // that could change the URL path
    private static void checkUid(String what, String uid) {
        if (uid == null || uid.isEmpty() || uid.length() > 128 || !uid.matches("[0-9A-Za-z._-]+") || uid.equals(".") || uid.equals("..")) {
            throw new IllegalArgumentException("bad " + what + " from the PACS: '" + uid + "'");
        }
    }
}
