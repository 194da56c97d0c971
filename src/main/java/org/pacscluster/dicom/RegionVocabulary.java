package org.pacscluster.dicom;

import java.nio.file.Path;

/**
 * Maps free-text terms to canonical anatomical regions (case-insensitive; synonyms such as CHEST/THORAX/LUNG map to
 * one region). AR = BodyPartExamined through the vocabulary, else a term found in the study or series description,
 * else {@link #UNKNOWN}.
 */
public final class RegionVocabulary {
    public static final String UNKNOWN = "UNKNOWN";

    /** The vocabulary that ships with pacscluster. */
    public static RegionVocabulary defaults() {
        throw new UnsupportedOperationException("not written yet");
    }

    /** A user's vocabulary file (see the default one in resources for the format). */
    public static RegionVocabulary load(Path file) {
        throw new UnsupportedOperationException("not written yet");
    }

    /** The canonical region of these tags, or {@link #UNKNOWN}. */
    public String region(DicomTags tags) {
        throw new UnsupportedOperationException("not written yet");
    }
}
