package io.github.cometlyexport.domain.internal;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * The one place that removes secrets from text that may be printed: literal secrets (the API key, a database
 * password), the query string of any URL (a presigned link's query string is a credential) and the password of a
 * URL's user-info ({@code postgresql://user:password@host}, the form psql and {@code DATABASE_URL} use). Every message,
 * log line and {@code toString()} that could carry either passes through here. Thread-safe.
 */
public final class Redaction {
    /** What a removed secret reads as. */
    public static final String MARK = "<redacted>";
    private static final Pattern QUERY = Pattern.compile("(https?://[^\\s?\"'<>]+)\\?[^\\s\"'<>]*");
    /**
     * {@code scheme://user:password@}: up to the last {@code @} of the authority, so that a password with an
     * {@code @} of its own is removed whole (the user, before the first colon, stays: it names the account, not the
     * secret). A port is not a password: the authority ends at the first {@code /}, {@code ?} or {@code #}.
     */
    private static final Pattern USER_INFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^\\s:/@?#\"'<>]*):"
            + "[^\\s/?#\"'<>]*@");

    private Redaction() {
    }

    /**
     * @param text    any text, possibly {@code null}
     * @param secrets literal secrets to remove; {@code null} or empty ones are ignored
     * @return the text with every secret, every URL query string and every URL password replaced by {@link #MARK};
     *         {@code ""} for null
     */
    public static String scrub(String text, String... secrets) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                out = out.replace(s, MARK);
            }
        }
        // The query first: its pattern stops at the mark's angle brackets, which the user-info's mark would add.
        out = QUERY.matcher(out).replaceAll("$1?" + MARK);
        return USER_INFO.matcher(out).replaceAll("$1:" + MARK + "@");
    }

    /**
     * Echoes a value a user typed, in quotes, only when it cannot be a secret: short, and hardly any letters (a
     * date, a duration, a number). Anything else may be a key typed into the wrong option, and is not shown.
     *
     * @param typed what the user typed
     * @return {@code 'typed'}, or {@code (not shown)}
     */
    public static String echo(String typed) {
        if (typed != null && typed.length() <= 12 && typed.chars().filter(Character::isLetter).count() <= 3) {
            return "'" + typed + "'";
        }
        return "(not shown)";
    }

    /**
     * @param uri any URI, possibly presigned, or {@code null}
     * @return scheme, host, port and path; a query string becomes {@code ?<redacted>}; the fragment is dropped
     */
    public static String uri(URI uri) {
        if (uri == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        if (uri.getScheme() != null) {
            out.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            out.append(uri.getHost());
        }
        if (uri.getPort() >= 0) {
            out.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            out.append(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            out.append('?').append(MARK);
        }
        return out.toString();
    }
}
