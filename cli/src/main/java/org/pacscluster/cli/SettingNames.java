package org.pacscluster.cli;

import java.util.Map;
import org.pacscluster.io.InvalidSettingException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Maps the library's setting names onto this command's options, so that an invalid value is reported by the flag
 * the user typed ("--kmeans-init must be at least 1, got 0") while the library stays free of flags. A setting
 * spelled as its option is found by name ({@code trainLimit} → {@code --train-limit}); the rest are listed here.
 */
final class SettingNames {
    /** Settings whose option has another name. */
    private static final Map<String, String> OPTIONS = Map.ofEntries(
            Map.entry("nInit", "--kmeans-init"),
            Map.entry("batchSize", "--batch"),
            Map.entry("learningRate", "--lr"),
            Map.entry("validationFraction", "--validation"),
            Map.entry("maxEpochs", "--finetune-epochs"),
            Map.entry("imageSize", "--size"),
            Map.entry("bitsPerPixel", "--bits"),
            Map.entry("ks", "--k"),
            Map.entry("maxShift", "--augment-shift"),
            Map.entry("maxRotation", "--augment-rotation"),
            Map.entry("maxScale", "--augment-scale"),
            Map.entry("maxGain", "--augment-intensity"),
            Map.entry("maxOffset", "--augment-intensity"));

    private SettingNames() {}

    /** The message with the setting named by this command's option, when the command has one. */
    static String message(InvalidSettingException e, CommandSpec command) {
        String flag = OPTIONS.getOrDefault(e.setting(), "--" + kebab(e.setting()));
        OptionSpec option = command.findOption(flag);
        return option == null ? e.getMessage() : option.longestName() + " " + e.problem();
    }

    /** "trainLimit" → "train-limit". */
    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
