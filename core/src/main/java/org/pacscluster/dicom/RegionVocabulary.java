package org.pacscluster.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Maps free-text terms to canonical anatomical regions (case-insensitive; synonyms such as CHEST/THORAX/LUNG map to
 * one region). AR = BodyPartExamined through the vocabulary, else a term found in the study or series description,
 * else {@link #UNKNOWN}.
 *
 * <p>Terms and texts are compared after normalisation: upper case, accents removed (Tórax = TORAX, Płuca = PLUCA),
 * and every run of non-alphanumeric characters turned into one space, so terms match whole words only
 * ("C-Spine" contains the term C SPINE, "Brainstem" does not contain BRAIN). The file format is described in the
 * default vocabulary, {@code regions.txt} next to this class.
 */
public final class RegionVocabulary {
    /** What no match gives: {@link MissingLabel#UNKNOWN}. */
    public static final String UNKNOWN = MissingLabel.UNKNOWN;

    private static final String DEFAULT_RESOURCE = "regions.txt";
    private static final Pattern REGION_NAME = Pattern.compile("[A-Z0-9_]+");
    private static final Pattern NON_WORD = Pattern.compile("[^A-Z0-9]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /** Normalised term → region. */
    private final Map<String, String> regionByTerm;
    /** Longest term, in words: the widest window the description search needs. */
    private final int maxWords;

    private RegionVocabulary(Map<String, String> regionByTerm) {
        this.regionByTerm = regionByTerm;
        int w = 1;
        for (String t : regionByTerm.keySet()) w = Math.max(w, t.split(" ").length);
        this.maxWords = w;
    }

    /** The vocabulary that ships with pacscluster. */
    public static RegionVocabulary defaults() {
        try (InputStream in = RegionVocabulary.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) throw new IllegalStateException("default region vocabulary missing from the build");
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "default region vocabulary");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A user's vocabulary file (see the default one in resources for the format).
     *
     * @throws IllegalArgumentException naming the file and line of the first malformed line
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static RegionVocabulary load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("region vocabulary " + file + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read region vocabulary " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses vocabulary text; {@code origin} names it in error messages. */
    static RegionVocabulary parse(String text, String origin) {
        Map<String, String> regionByTerm = new HashMap<>();
        Map<String, Integer> lineOfTerm = new HashMap<>();
        int lineNo = 0;
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(text))) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) continue;
                int colon = s.indexOf(':');
                if (colon < 0) throw malformed(origin, lineNo, "expected 'REGION: term, term, ...'");
                String region = s.substring(0, colon).strip().toUpperCase(Locale.ROOT);
                if (!REGION_NAME.matcher(region).matches()) {
                    throw malformed(origin, lineNo, "region '" + region + "' must be letters, digits and _ only");
                }
                if (region.equals(UNKNOWN)) throw malformed(origin, lineNo, UNKNOWN + " is what no match gives; it cannot be a region");
                List<String> terms = new ArrayList<>();
                terms.add(region.replace('_', ' '));
                String rest = s.substring(colon + 1).strip();
                if (rest.endsWith(",")) rest = rest.substring(0, rest.length() - 1);  // a trailing comma is harmless
                if (!rest.isBlank()) {
                    for (String t : rest.split(",", -1)) {
                        if (t.isBlank()) throw malformed(origin, lineNo, "empty term (two commas in a row?)");
                        terms.add(t);
                    }
                }
                for (String t : terms) {
                    String key = normalise(t);
                    if (key.isEmpty()) throw malformed(origin, lineNo, "term '" + t.strip() + "' has no letters or digits");
                    String before = regionByTerm.putIfAbsent(key, region);
                    if (before != null && !before.equals(region)) {
                        throw malformed(origin, lineNo, "term '" + t.strip() + "' is already " + before + " (line "
                                + lineOfTerm.get(key) + "); a term can mean one region only");
                    }
                    lineOfTerm.putIfAbsent(key, lineNo);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (regionByTerm.isEmpty()) throw new IllegalArgumentException(origin + ": no regions defined");
        return new RegionVocabulary(Collections.unmodifiableMap(regionByTerm));
    }

    private static IllegalArgumentException malformed(String origin, int line, String what) {
        return new IllegalArgumentException(origin + ", line " + line + ": " + what);
    }

    /** Upper case, accents and ligatures folded to ASCII letters, punctuation runs to single spaces. */
    static String normalise(String s) {
        String up = s.toUpperCase(Locale.ROOT).replace("ß", "SS").replace("Ł", "L").replace("Ø", "O")
                .replace("Æ", "AE").replace("Œ", "OE");
        String noMarks = MARKS.matcher(Normalizer.normalize(up, Normalizer.Form.NFD)).replaceAll("");
        return NON_WORD.matcher(noMarks).replaceAll(" ").strip();
    }

    /** The canonical region of these tags, or {@link #UNKNOWN}. */
    public String region(DicomTags tags) {
        return region(tags.bodyPartExamined(), tags.studyDescription(), tags.seriesDescription());
    }

    /**
     * BodyPartExamined as a whole value, then terms inside BodyPartExamined, the study description and the series
     * description, in that order; the first of them with a match decides.
     */
    public String region(String bodyPartExamined, String studyDescription, String seriesDescription) {
        String whole = lookup(bodyPartExamined);
        if (!whole.equals(UNKNOWN)) return whole;
        for (String text : new String[] {bodyPartExamined, studyDescription, seriesDescription}) {
            String found = find(text);
            if (!found.equals(UNKNOWN)) return found;
        }
        return UNKNOWN;
    }

    /** The region of a whole value (e.g. a BodyPartExamined or a label column), or {@link #UNKNOWN}. */
    public String lookup(String value) {
        if (value == null) return UNKNOWN;
        return regionByTerm.getOrDefault(normalise(value), UNKNOWN);
    }

    /**
     * The region of the longest term that occurs as whole words in free text (earliest on a tie), or
     * {@link #UNKNOWN}.
     */
    public String find(String text) {
        if (text == null || text.isBlank()) return UNKNOWN;
        String norm = normalise(text);
        if (norm.isEmpty()) return UNKNOWN;
        String[] words = norm.split(" ");
        String best = UNKNOWN;
        int bestLength = 0;
        for (int i = 0; i < words.length; i++) {
            StringBuilder candidate = new StringBuilder();
            for (int n = 0; n < maxWords && i + n < words.length; n++) {
                if (n > 0) candidate.append(' ');
                candidate.append(words[i + n]);
                String region = regionByTerm.get(candidate.toString());
                if (region != null && candidate.length() > bestLength) {
                    best = region;
                    bestLength = candidate.length();
                }
            }
        }
        return best;
    }

    /** The canonical regions, sorted. */
    public Set<String> regions() { return Collections.unmodifiableSet(new TreeSet<>(regionByTerm.values())); }

    /** How many terms (after normalisation) the vocabulary knows. */
    public int termCount() { return regionByTerm.size(); }
}
