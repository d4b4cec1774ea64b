package io.github.cometlyexport.adapter.http;

import java.util.regex.Pattern;

/** Removes secrets from text that may be printed: the API key, and any presigned query string. */
final class Redaction {
    private static final Pattern QUERY = Pattern.compile("(https?://[^\\s?\"'<>]+)\\?[^\\s\"'<>]*");

    private Redaction() {
    }

    /**
     * @param text    any message
     * @param secrets literal secrets to remove (the API key)
     * @return the text with every secret and every URL query string replaced by {@code <redacted>}
     */
    static String scrub(String text, String... secrets) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                out = out.replace(s, "<redacted>");
            }
        }
        return QUERY.matcher(out).replaceAll("$1?<redacted>");
    }
}
