package io.github.cometlyexport.cli;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ledger's password as literal text, wherever the user gave it: in the URL's user-info
 * ({@code jdbc:postgresql://user:password@host/db}, the form psql and {@code DATABASE_URL} use), as its
 * {@code password} parameter, or in {@code PGPASSWORD}. Libraries quote a URL they cannot parse in pieces (the
 * PostgreSQL driver: {@code invalid port number: password@host}), which no URL pattern recognises; the literal
 * text is removed from every line the CLI prints.
 */
final class LedgerSecrets {
    private static final Pattern USER_INFO = Pattern.compile("^jdbc:[a-z]+://[^/@?#]*?:([^/?#]*)@");
    private static final Pattern PARAMETER = Pattern.compile("[?&]password=([^&#]*)");

    private LedgerSecrets() {
    }

    /**
     * @param url the ledger's JDBC URL (or {@code none})
     * @param env the environment
     * @return the secrets: each as given and, when different, as decoded
     */
    static List<String> of(String url, Map<String, String> env) {
        List<String> out = new ArrayList<>();
        for (Pattern p : List.of(USER_INFO, PARAMETER)) {
            Matcher m = p.matcher(url == null ? "" : url);
            while (m.find()) {
                add(out, m.group(1));
            }
        }
        add(out, env.get("PGPASSWORD"));
        return out;
    }

    private static void add(List<String> out, String secret) {
        if (secret == null || secret.isEmpty()) {
            return;
        }
        out.add(secret);
        try {
            String decoded = URLDecoder.decode(secret, StandardCharsets.UTF_8);
            if (!decoded.equals(secret)) {
                out.add(decoded);
            }
        } catch (IllegalArgumentException e) {
            // Not percent-encoded after all: the text as given is registered above.
        }
    }
}
