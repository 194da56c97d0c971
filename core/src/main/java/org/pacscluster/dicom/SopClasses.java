package org.pacscluster.dicom;

/** Names of the non-image SOP classes users meet most, to say why a file has no pixel data. */
final class SopClasses {
    private SopClasses() {}

    /** " (what it is)" for a known SOP class UID, else " (SOP class uid)" or "" when there is none. */
    static String describe(String uid) {
        if (uid == null || uid.isEmpty()) return "";
        String what;
        if (uid.equals("1.2.840.10008.1.3.10")) what = "a DICOMDIR index";
        else if (uid.startsWith("1.2.840.10008.5.1.4.1.1.88.")) what = "a structured report";
        else if (uid.startsWith("1.2.840.10008.5.1.4.1.1.9.")) what = "a waveform";
        else if (uid.startsWith("1.2.840.10008.5.1.4.1.1.11.")) what = "a presentation state";
        else if (uid.equals("1.2.840.10008.5.1.4.1.1.481.3")) what = "an RT structure set";
        else if (uid.equals("1.2.840.10008.5.1.4.1.1.481.5")) what = "an RT plan";
        else if (uid.startsWith("1.2.840.10008.5.1.4.1.1.104.")) what = "an encapsulated document";
        // a damaged UID may hold control characters: a reason stays on one line
        else what = "SOP class " + uid.replaceAll("\\p{Cntrl}", "?");
        return " (" + what + ")";
    }
}
