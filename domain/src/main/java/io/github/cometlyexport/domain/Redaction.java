package io.github.cometlyexport.domain;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * The one place that removes secrets from text that may be printed: literal secrets (the API key, a database
 * password) and the query string of any URL (a presigned link's query string is a credential). Every message,
 * log line and {@code toString()} that could carry either passes through here. Thread-safe.
 */
public final class Redaction {
    /** What a removed secret reads as. */
    public static final String MARK = "<redacted>";
    private static final Pattern QUERY = Pattern.compile("(https?://[^\\s?\"'<>]+)\\?[^\\s\"'<>]*");

    private Redaction() {
    }

    /**
     * @param text    any text, possibly {@code null}
     * @param secrets literal secrets to remove; {@code null} or empty ones are ignored
     * @return the text with every secret and every URL query string replaced by {@link #MARK}; {@code ""} for null
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
        return QUERY.matcher(out).replaceAll("$1?" + MARK);
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
