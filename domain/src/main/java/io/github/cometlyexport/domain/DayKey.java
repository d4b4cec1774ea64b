package io.github.cometlyexport.domain;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One day of one table in the ledger: which Space it is exported from, which destination and table it is stored in,
 * and the day. Two processes with equal keys work on the same thing, so at most one of them may hold it.
 *
 * @param space       the Space: the API base URL and the key's fingerprint ({@link #space(String, ApiKey)}), never
 *                    the key
 * @param destination where the table lives: a folder or {@code s3://bucket/prefix}, as configured
 * @param dataset     the table's dataset, e.g. {@code events}
 * @param filters     the table's filters as one canonical text ({@link #of}): equal tables, equal texts
 * @param day         the day, in the Space's time zone
 */
public record DayKey(String space, String destination, String dataset, String filters, LocalDate day) {

    /** @throws NullPointerException if a component is null */
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
     * @return the Space's name in the ledger: {@code <baseUrl> key:<fingerprint>}; safe to print
     */
    public static String space(String baseUrl, ApiKey key) {
        return baseUrl + " key:" + key.fingerprint();
    }
}
