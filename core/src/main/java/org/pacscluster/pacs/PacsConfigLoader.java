package org.pacscluster.pacs;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Turns a SOURCE argument ({@code dicomweb+https://HOST/ROOT}, or just {@code dicomweb} to take the URL from the
 * config file), the environment and an optional properties file into a {@link PacsConfig.Builder}.
 *
 * <p>Credentials come only from the environment ({@code PACSCLUSTER_PACS_USER} + {@code PACSCLUSTER_PACS_PASSWORD},
 * or {@code PACSCLUSTER_PACS_TOKEN}) or from the file (keys {@code url}, {@code user}, {@code password},
 * {@code token}, {@code ca-file}); never from the command line. The file is given by {@code --pacs-config} or
 * {@code PACSCLUSTER_PACS_CONFIG}. Environment values win over file values, and a CA file given as an option wins
 * over both. Using a password and a token at once is an error.
 */
public final class PacsConfigLoader {
    public static final String ENV_USER = "PACSCLUSTER_PACS_USER";
    public static final String ENV_PASSWORD = "PACSCLUSTER_PACS_PASSWORD";
    public static final String ENV_TOKEN = "PACSCLUSTER_PACS_TOKEN";
    public static final String ENV_CONFIG = "PACSCLUSTER_PACS_CONFIG";
    public static final String ENV_CA_FILE = "PACSCLUSTER_PACS_CA_FILE";

    /** What a SOURCE argument starts with when it names a PACS. */
    public static final String SCHEME_PREFIX = "dicomweb";

    private static final Set<String> FILE_KEYS = new java.util.LinkedHashSet<>(java.util.List.of("url", "user", "password", "token", "ca-file"));

    private PacsConfigLoader() {}

    /** True when {@code source} names a PACS ({@code dicomweb}, {@code dicomweb+http://...}, {@code dicomweb+https://...}). */
    public static boolean isPacsSource(String source) {
        String s = source.toLowerCase(Locale.ROOT);
        return s.equals(SCHEME_PREFIX) || s.startsWith(SCHEME_PREFIX + "+http://") || s.startsWith(SCHEME_PREFIX + "+https://");
    }

    /**
     * @param source     the SOURCE argument
     * @param configFile {@code --pacs-config}, or null to use {@code PACSCLUSTER_PACS_CONFIG} if set
     * @param caFile     {@code --ca-file}, or null
     * @param env        the environment (System.getenv() outside tests)
     */
    public static PacsConfig.Builder resolve(String source, Path configFile, Path caFile, Map<String, String> env)
            throws IOException {
        if (!isPacsSource(source)) throw new IllegalArgumentException("not a PACS source: use dicomweb+http(s)://HOST/ROOT");
        Path file = configFile != null ? configFile : pathOrNull(env.get(ENV_CONFIG));
        Properties props = file == null ? new Properties() : readProperties(file);

        String url = source.length() > SCHEME_PREFIX.length() ? source.substring(SCHEME_PREFIX.length() + 1) : props.getProperty("url");
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("source 'dicomweb' needs url=... in the PACS config file (or " + ENV_CONFIG + ")");
        }
        URI root;
        try {
            root = new URI(url.strip());
        } catch (URISyntaxException e) {
            // the message of URISyntaxException quotes the input, which may hold a secret: keep only the reason
            throw new IllegalArgumentException("PACS URL is not a valid URL: " + e.getReason());
        }
        PacsConfig.Builder b = PacsConfig.builder(root).optCredentials(credentials(env, props, file));
        Path ca = caFile != null ? caFile : pathOrNull(firstNonBlank(env.get(ENV_CA_FILE), props.getProperty("ca-file")));
        if (ca != null) {
            if (file != null && !ca.isAbsolute() && caFile == null && env.get(ENV_CA_FILE) == null) {
                ca = file.toAbsolutePath().getParent().resolve(ca); // relative to the config file it came from
            }
            if (!Files.isReadable(ca)) throw new IOException("CA file not found or not readable: " + ca);
            b.optCaFile(ca);
        }
        return b;
    }

    private static PacsCredentials credentials(Map<String, String> env, Properties props, Path file) {
        String user = firstNonBlank(env.get(ENV_USER), props.getProperty("user"));
        String password = env.get(ENV_PASSWORD) != null ? env.get(ENV_PASSWORD) : props.getProperty("password");
        String token = firstNonBlank(env.get(ENV_TOKEN), props.getProperty("token"));
        String where = ENV_USER + "/" + ENV_PASSWORD + "/" + ENV_TOKEN + (file == null ? "" : " or " + file);
        if (token != null && (user != null || password != null)) {
            throw new IllegalArgumentException("both a PACS token and a user/password are set (" + where + "): keep one");
        }
        if (token != null) return PacsCredentials.bearer(token);
        if (user != null && password == null) throw new IllegalArgumentException("a PACS user is set but no password (" + ENV_PASSWORD + ")");
        if (user == null && password != null) throw new IllegalArgumentException("a PACS password is set but no user (" + ENV_USER + ")");
        if (user != null) return PacsCredentials.basic(user, password);
        return PacsCredentials.NONE;
    }

    /**
     * Reads the config file. A line the file cannot use is reported by its number only: a line that is just the
     * password (a "key" with no value) would otherwise be echoed.
     */
    private static Properties readProperties(Path file) throws IOException {
        Properties p = new Properties();
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("PACS config file not found: " + file);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("PACS config file " + file + " is not UTF-8 text");
        }
        try (Reader r = new java.io.StringReader(text)) {
            p.load(r);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PACS config file " + file + " has a malformed \\uXXXX escape");
        }
        for (String k : p.stringPropertyNames()) {
            if (!FILE_KEYS.contains(k)) {
                // "pasword=..." names a key (a typo worth showing); a line with no value may be the secret itself
                if (!p.getProperty(k).isEmpty() && k.matches("[A-Za-z][A-Za-z0-9._-]{0,40}")) {
                    throw new IllegalArgumentException("unknown key '" + k + "' in PACS config file " + file
                            + lineOf(text, k) + " (allowed: " + FILE_KEYS + ")");
                }
                throw new IllegalArgumentException("PACS config file " + file + lineOf(text, k) + " is not one of "
                        + FILE_KEYS + " = value (its text is not shown: it may be a secret)");
            }
        }
        return p;
    }

    /** " line N" of the first line that starts with {@code key}, or "" (continuation lines make this a best effort). */
    private static String lineOf(String text, String key) {
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].stripLeading();
            if (!l.isEmpty() && !l.startsWith("#") && !l.startsWith("!") && l.startsWith(key)) return " line " + (i + 1);
        }
        return "";
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) return a.strip();
        if (b != null && !b.isBlank()) return b.strip();
        return null;
    }

    private static Path pathOrNull(String s) { return s == null || s.isBlank() ? null : Path.of(s.strip()); }
}
