package io.github.cometlyexport.adapter.jdbc;

import io.github.cometlyexport.domain.internal.Redaction;
import io.github.cometlyexport.port.driven.ExportLedgerException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ledger URL as a user typed it, taken apart before anything connects: a PostgreSQL URL's user info (the
 * {@code postgresql://user:password@host/db} form that psql and {@code DATABASE_URL} use, which pgjdbc does not read)
 * becomes the {@code user} and {@code password} properties, percent-decoded; and every password the URL or the
 * environment holds is known, so that no driver, pool or migration message that quotes it reaches an exception.
 *
 * @param jdbcUrl  the URL to give the driver: without user info
 * @param user     the user from the user info, or else {@code PGUSER} when the URL has no {@code user=}; or null
 * @param password the password from the user info, or else {@code PGPASSWORD} when the URL has no
 *                 {@code password=}; or null
 * @param secrets  every password the URL (user info or parameter) or the environment holds, raw and decoded
 */
record LedgerUrl(String jdbcUrl, String user, String password, List<String> secrets) {
    private static final String POSTGRES = "jdbc:postgresql://";
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)[?&;]password=([^&;]*)");
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;\\s]*");
    private static final Pattern USER_INFO = Pattern.compile("//[^/@\\s]*@");

    /**
     * @param url a {@code jdbc:postgresql:} URL
     * @param env the environment ({@code PGUSER}, {@code PGPASSWORD})
     * @return the URL taken apart
     * @throws ExportLedgerException if its user info is malformed or names a user or password twice
     */
    static LedgerUrl postgres(String url, Map<String, String> env) {
        List<String> secrets = new ArrayList<>();
        Matcher param = PASSWORD_PARAM.matcher(url);
        while (param.find()) {
            secrets.add(param.group(1));
            secrets.add(decodeQuietly(param.group(1)));
        }
        String envPassword = env.get("PGPASSWORD");
        if (envPassword != null && !envPassword.isEmpty()) {
            secrets.add(envPassword);
        }
        String jdbcUrl = url;
        String user = null;
        String password = null;
        if (url.startsWith(POSTGRES)) {
            String rest = url.substring(POSTGRES.length());
            int end = indexOfAny(rest, "/?");
            String authority = end < 0 ? rest : rest.substring(0, end);
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                String info = authority.substring(0, at);
                int colon = info.indexOf(':');
                String rawPassword = colon < 0 ? null : info.substring(colon + 1);
                if (rawPassword != null) {
                    secrets.add(rawPassword);
                    secrets.add(decodeQuietly(rawPassword));
                }
                String where = redact(url, secrets);
                user = decode(colon < 0 ? info : info.substring(0, colon), where);
                password = rawPassword == null ? null : decode(rawPassword, where);
                String query = end < 0 ? "" : rest.substring(end);
                if (query.matches("(?is).*[?&;]user=.*") || password != null && query.matches(
                        "(?is).*[?&;]password=.*")) {
                    throw new ExportLedgerException("the ledger URL " + where + " names its user or password twice "
                            + "(before the host and as a parameter): keep one", null, false);
                }
                jdbcUrl = POSTGRES + authority.substring(at + 1) + query;
            }
        }
        if (user == null && !jdbcUrl.matches("(?is).*[?&;]user=.*") && env.get("PGUSER") != null) {
            user = env.get("PGUSER");
        }
        if (password == null && !jdbcUrl.matches("(?is).*[?&;]password=.*") && envPassword != null) {
            password = envPassword;
        }
        return new LedgerUrl(jdbcUrl, user, password, List.copyOf(secrets));
    }

    /** @return the URL without its passwords, to describe the ledger by */
    String describe() {
        return redact(jdbcUrl, secrets);
    }

    /** @param text a driver's, pool's or migration's message @return the text without any of the passwords */
    String scrub(String text) {
        return scrub(text, secrets);
    }

    static String scrub(String text, List<String> secrets) {
        String out = Redaction.scrub(text, secrets.toArray(String[]::new));
        return USER_INFO.matcher(PASSWORD.matcher(out).replaceAll("$1***")).replaceAll("//***@");
    }

    /** @return a URL without its password (a {@code password=} parameter or user info) */
    static String redact(String url, List<String> secrets) {
        return scrub(url, secrets);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** Percent-decodes (a {@code +} stays a plus: this is a URL's user info, not a form). */
    private static String decode(String s, String where) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            int ch = s.codePointAt(i);
            if (ch == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                        || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw new ExportLedgerException("the ledger URL " + where + " has a malformed %-escape in its "
                            + "user info (write a % as %25)", null, false);
                }
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] bytes = Character.toString(ch).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i += Character.charCount(ch) - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String decodeQuietly(String s) {
        try {
            return decode(s, "");
        } catch (ExportLedgerException e) {
            return s;
        }
    }
}
