package io.github.cometlyexport.domain;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One day of one table in the ledger: which Space it is exported from, which destination and table it is stored in,
 * and the day. Two processes with equal keys work on the same thing, so at most one of them may hold it.
 *
 * @param space       the Space: the API base URL and the key's fingerprint ({@link #space(String, ApiKey)}), never
 *                    the key
 * @param destination where the table lives: the store's canonical name of the folder or {@code s3://bucket/prefix}
 * @param dataset     the table's dataset, e.g. {@code events}
 * @param filters     the table's filters as one canonical text ({@link #of}): equal tables, equal texts
 * @param day         the day, in the Space's time zone
 */
public record DayKey(String space, String destination, String dataset, String filters, LocalDate day) {

    /**
     * Checks that every part of the key is given.
     *
     * @param space       the Space's name in the ledger ({@link #space(String, ApiKey)}); not null
     * @param destination the store's canonical name of the table's location; not null
     * @param dataset     the table's dataset; not null
     * @param filters     the table's canonical filter text; not null
     * @param day         the day, in the Space's time zone; not null
     * @throws NullPointerException if a component is null
     */
    public DayKey {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(filters, "filters");
        Objects.requireNonNull(day, "day");
    }

    /**
     * @param space       the Space
     * @param destination the destination
     * @param table       the table
     * @param day         the day
     * @return the key of that day of that table
     */
    public static DayKey of(String space, String destination, TableDefinition table, LocalDate day) {
        return new DayKey(space, destination, table.dataset(), new java.util.TreeMap<>(table.filters()).toString(),
                day);
    }

    /**
     * @param baseUrl the API's base URL
     * @param key     the Space's key
     * @return the Space's name in the ledger: {@code <canonical baseUrl> key:<fingerprint>} ({@link #canonicalBaseUrl});
     *         safe to print
     */
    public static String space(String baseUrl, ApiKey key) {
        return canonicalBaseUrl(baseUrl) + " key:" + key.fingerprint();
    }

    /**
     * One spelling of a base URL, so that every process of a Space shares its budgets whichever spelling it was
     * given: scheme and host in lower case, the scheme's default port dropped, no user-info (never kept in a
     * ledger), no trailing or doubled slash in the path. {@code HTTPS://App.Cometly.com:443/public-api/v1/} is
     * {@code https://app.cometly.com/public-api/v1}; a URL already so spelled is unchanged.
     *
     * @param baseUrl an absolute http(s) URL
     * @return its canonical spelling; the text as given when it is not a URL with a host
     */
    public static String canonicalBaseUrl(String baseUrl) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(baseUrl);
        } catch (java.net.URISyntaxException e) {
            return baseUrl;
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            return baseUrl;
        }
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == 80 && scheme.equals("http") || port == 443
                && scheme.equals("https");
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/{2,}", "/").replaceAll("/$", "");
        return scheme + "://" + uri.getHost().toLowerCase(java.util.Locale.ROOT) + (defaultPort ? "" : ":" + port)
                + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
