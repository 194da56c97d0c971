package org.pacscluster.pacs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How pacscluster proves who it is to the PACS. The secret parts never appear in {@link #toString()}, messages or
 * logs: only {@link #authorizationHeader()} reveals them, and only to the HTTP request.
 */
public sealed interface PacsCredentials {
    /** The value of the {@code Authorization} header, or empty for anonymous access. */
    Optional<String> authorizationHeader();

    /** What kind of credentials these are, safe to print ("basic auth as user ...", "bearer token", "none"). */
    String describe();

    PacsCredentials NONE = new Anonymous();

    static PacsCredentials basic(String user, String password) { return new Basic(user, password); }

    static PacsCredentials bearer(String token) { return new Bearer(token); }

    /** No credentials: the PACS allows anonymous reads. */
    record Anonymous() implements PacsCredentials {
        @Override public Optional<String> authorizationHeader() { return Optional.empty(); }
        @Override public String describe() { return "no credentials"; }
        @Override public String toString() { return "PacsCredentials[none]"; }
    }

    /** HTTP basic authentication (RFC 7617, UTF-8). */
    record Basic(String user, String password) implements PacsCredentials {
        public Basic {
            if (user == null || user.isEmpty()) throw new IllegalArgumentException("PACS user name is empty");
            if (user.indexOf(':') >= 0) throw new IllegalArgumentException("PACS user name must not contain ':'");
            if (password == null) throw new IllegalArgumentException("PACS password is missing for the given user");
        }

        @Override
        public Optional<String> authorizationHeader() {
            byte[] raw = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(raw));
        }

        // the user name is not secret, but it can be a person's name: keep it out of messages as well
        @Override public String describe() { return "HTTP basic authentication"; }
        @Override public String toString() { return "PacsCredentials[basic, user=***, password=***]"; }
    }

    /** An OAuth2/OpenID bearer token (RFC 6750). */
    record Bearer(String token) implements PacsCredentials {
        public Bearer {
            if (token == null || token.isBlank()) throw new IllegalArgumentException("PACS bearer token is empty");
            token = token.strip();
            if (token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                throw new IllegalArgumentException("PACS bearer token contains spaces or control characters");
            }
        }

        @Override public Optional<String> authorizationHeader() { return Optional.of("Bearer " + token); }
        @Override public String describe() { return "bearer token"; }
        @Override public String toString() { return "PacsCredentials[bearer, token=***]"; }
    }
}
