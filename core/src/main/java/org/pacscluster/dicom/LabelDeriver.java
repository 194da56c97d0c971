package org.pacscluster.dicom;

/**
 * Derives the two labels pacscluster evaluates against from a file's tags: MOD, the Modality tag, and AR, the
 * anatomical region through a {@link RegionVocabulary}. Missing values become {@link MissingLabel#UNKNOWN},
 * never an empty label, so that no image is dropped for lack of a tag.
 */
public final class LabelDeriver {
    private final RegionVocabulary vocabulary;

    public LabelDeriver(RegionVocabulary vocabulary) { this.vocabulary = vocabulary; }

    /** MOD and AR of one image. */
    public record Labels(String modality, String region) {}

    public Labels derive(DicomTags tags) { return new Labels(modality(tags), vocabulary.region(tags)); }

    /** The Modality tag in upper case (CS values should already be), or UNKNOWN when empty. */
    public static String modality(DicomTags tags) {
        String m = tags.modality().strip().toUpperCase(java.util.Locale.ROOT);
        return m.isEmpty() ? MissingLabel.UNKNOWN : m;
    }

    public RegionVocabulary vocabulary() { return vocabulary; }
}
