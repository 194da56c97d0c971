package org.pacscluster.pacs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the command line says about a PACS source beyond its URL ({@code --query}, {@code --limit},
 * {@code --pacs-config}, {@code --ca-file}, {@code --parallel}). Deliberately no credentials: those come only from
 * the environment or the config file.
 *
 * @param filters    QIDO-RS matching keys, in order
 * @param limit      at most this many instances (0 = all)
 * @param configFile properties file with url/user/password/token/ca-file, or null
 * @param caFile     PEM file of extra trusted CAs, or null
 * @param parallel   downloads at once, or null for the default
 */
public record PacsSourceOptions(Map<String, String> filters, long limit, Path configFile, Path caFile, Integer parallel) {
    /** No PACS options given. */
    public static final PacsSourceOptions NONE = new PacsSourceOptions(Map.of(), 0, null, null, null);

    public PacsSourceOptions {
        filters = filters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(filters));
    }

    /** True when any option was given (they make sense only for a PACS source). */
    public boolean anyGiven() {
        return !filters.isEmpty() || limit != 0 || configFile != null || caFile != null || parallel != null;
    }

    /** Downloads at once: the given value or the default. */
    public int parallelOrDefault() { return parallel != null ? parallel : PacsConfig.DEFAULT_PARALLEL; }

    /** The full configuration for SOURCE {@code spec}, reading credentials from {@code env} and the config file. */
    public PacsConfig toConfig(String spec, Map<String, String> env) throws IOException {
        PacsConfig.Builder b = PacsConfigLoader.resolve(spec, configFile, caFile, env).optLimit(limit);
        filters.forEach(b::optFilter);
        if (parallel != null) b.optParallel(parallel);
        return b.build();
    }
}
