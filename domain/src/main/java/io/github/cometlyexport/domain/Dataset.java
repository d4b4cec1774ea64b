package io.github.cometlyexport.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * What an export job exports: one day of events, or the contacts or the companies created during one day. All are the
 * same kind of asynchronous job (create, poll, download a gzipped NDJSON file), at their own endpoints, with their own
 * request fields; they share the Space's request budgets. Each dataset is its own table in a destination.
 */
public enum Dataset {
    /** Events of one day ({@code /events/exports}). */
    EVENTS,
    /** Contacts created during one day ({@code /contacts/exports}). */
    CONTACTS,
    /** Companies created during one day ({@code /companies/exports}). */
    COMPANIES;

    /**
     * @return the dataset's name in the API's paths, in tables and in output: {@code events}, {@code contacts},
     *         {@code companies}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name {@code events}, {@code contacts} or {@code companies}
     * @return the dataset, or empty for another name
     */
    public static Optional<Dataset> fromName(String name) {
        for (Dataset d : values()) {
            if (d.wireName().equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
