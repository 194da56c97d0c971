package org.pacscluster.io;

import java.util.Locale;

/**
 * A setting with a value it cannot take. The message names the setting in words ("test fraction must be in
 * [0, 1), got 1.5"); {@link #setting()} keeps its name as the settings record spells it ({@code testFraction}), so a
 * front end can name its own option instead (the CLI says {@code --test-fraction}). The library never names a
 * command-line flag.
 */
public class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String problem;

    /** {@code setting} as the settings record names it (camelCase); {@code problem} e.g. "must be at least 1, got 0". */
    public InvalidSettingException(String setting, String problem) {
        super(words(setting) + " " + problem);
        this.setting = setting;
        this.problem = problem;
    }

    /** The setting's name as its record component is called, e.g. "kmeansInit". */
    public String setting() { return setting; }

    /** What is wrong with the value, e.g. "must be at least 1, got 0". */
    public String problem() { return problem; }

    /** "kmeansInit" → "kmeans init". */
    static String words(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}
