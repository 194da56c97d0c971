package org.pacscluster.io;

import java.util.regex.Pattern;

/**
 * The one place where text that may hold a secret is made safe to show: every message that can contain a URL or a
 * line of a config file goes through {@link #redact} before it is built into an exception, a warning or an error
 * line. It removes user info from URLs (also a password holding '@', and under host names that java.net.URI cannot
 * parse, such as ones with '_'), the values of credential-like query parameters and key=value pairs, and the
 * credentials of an Authorization header.
 */
public final class Secrets {
    private Secrets() {}

    /**
     * scheme:// up to the last '@' of the token: greedy, so "user:p@ss@host" loses all of "user:p@ss", and a secret
     * holding '/', '?' or '#' goes too (an '@' later in a path costs the host name in the message, never a secret).
     */
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)\\S*@");
    private static final String KEYS = "access_token|id_token|refresh_token|token|apikey|api_key|api-key|key|password"
            + "|passwd|pwd|pass|secret|client_secret|auth|authorization|sig|signature|code|session|sessionid|jwt";
    private static final Pattern PARAMETER = Pattern.compile(
            "(?i)((?:^|[?&;,\\s\"'{(])(?:" + KEYS + ")\\s*[=:]\\s*)(\"[^\"]*\"|[^&#\\s\"',;)}]+)");
    /** An Authorization value: a long token after "Bearer"/"Basic" (not the words in "bearer token", "basic authentication"). */
    private static final Pattern AUTH_HEADER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/-]{16,}=*");

    /** {@code text} with every secret it may hold replaced by {@code ***}; null stays null. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) return text;
        String s = USER_INFO.matcher(text).replaceAll("$1***@");
        s = AUTH_HEADER.matcher(s).replaceAll("$1 ***");
        return PARAMETER.matcher(s).replaceAll("$1***");
    }
}
