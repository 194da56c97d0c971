package org.pacscluster.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What makes a re-run continue the same work: the kind of output ("dataset", "model", "experiment", "sweep") and
 * named values covering its inputs (a source, a dataset's fingerprint) and every setting that changes its result.
 * An {@link OutputFolder} keeps the key it was started with and refuses to continue with another, so an
 * interrupted run is never silently mixed with a different one.
 */
public final class ResumeKey {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String kind;
    private final Map<String, String> values;

    private ResumeKey(String kind, Map<String, String> values) {
        this.kind = Objects.requireNonNull(kind);
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A key read back from a file. */
    static ResumeKey of(String kind, Map<String, String> values) { return new ResumeKey(kind, values); }

    public static Builder builder(String kind) { return new Builder(kind); }

    public String kind() { return kind; }

    public Map<String, String> values() { return values; }

    /**
     * The values that differ from {@code earlier}, for a message: "k: 4 → 3, methods: pca → pca,hog" (at most
     * three, then how many more).
     */
    public String differencesFrom(ResumeKey earlier) {
        List<String> diffs = new ArrayList<>();
        for (String name : union(earlier.values, values)) {
            String was = earlier.values.get(name), now = values.get(name);
            if (!Objects.equals(was, now)) diffs.add(name + ": " + shorten(was) + " → " + shorten(now));
        }
        if (diffs.size() <= 3) return String.join(", ", diffs);
        return String.join(", ", diffs.subList(0, 3)) + " and " + (diffs.size() - 3) + " more";
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        List<String> names = new ArrayList<>(a.keySet());
        for (String n : b.keySet()) if (!a.containsKey(n)) names.add(n);
        return names;
    }

    private static String shorten(String v) {
        if (v == null) return "(none)";
        return v.length() <= 40 ? v : v.substring(0, 37) + "…";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResumeKey k && kind.equals(k.kind) && values.equals(k.values);
    }

    @Override
    public int hashCode() { return Objects.hash(kind, values); }

    @Override
    public String toString() { return kind + values; }

    /** Collects the values in a fixed order. */
    public static final class Builder {
        private final String kind;
        private final Map<String, String> values = new LinkedHashMap<>();

        private Builder(String kind) { this.kind = kind; }

        public Builder put(String name, Object value) {
            values.put(name, String.valueOf(value));
            return this;
        }

        /**
         * Every leaf of a settings record (as Jackson writes it) under {@code prefix}: "settings.kmeans.k" and so
         * on, so that a new setting joins the key without anyone listing it. Leaves for which {@code skip} holds
         * (named without the prefix, e.g. "cae.threads") are left out.
         */
        public Builder putSettings(String prefix, Object settings, Predicate<String> skip) {
            flatten("", JSON.valueToTree(settings), prefix, skip);
            return this;
        }

        private void flatten(String path, JsonNode node, String prefix, Predicate<String> skip) {
            if (node.isObject()) {
                node.fields().forEachRemaining(e ->
                        flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), prefix, skip));
            } else if (!skip.test(path)) {
                values.put(prefix + "." + path, node.isValueNode() ? node.asText() : node.toString());
            }
        }

        public ResumeKey build() { return new ResumeKey(kind, values); }
    }
}
