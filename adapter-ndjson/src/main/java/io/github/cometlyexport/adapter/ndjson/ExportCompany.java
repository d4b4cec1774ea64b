package io.github.cometlyexport.adapter.ndjson;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One company of a company export: the documented keys typed, every key of the line kept in {@code attributes}.
 *
 * @param id         the company's id (a number as text, or the Space's string id)
 * @param domain     the company's domain, or {@code null} when the line has none
 * @param createdAt  when the company was created ({@code created_at})
 * @param attributes every key of the line (nested objects as maps, arrays as lists), unknown keys included
 */
public record ExportCompany(String id, String domain, Instant createdAt, Map<String, Object> attributes) {
    /**
     * Checks the required keys and copies the attributes.
     *
     * @param id         the company's id, as text; not null
     * @param domain     the domain, or {@code null} when the line has none
     * @param createdAt  when the company was created; not null
     * @param attributes every key of the line; not null
     * @throws NullPointerException if {@code id}, {@code createdAt} or {@code attributes} is null
     */
    public ExportCompany {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        attributes = ReadLine.keep(attributes);
    }

    /** @return the domain, when the line carries one */
    public Optional<String> knownDomain() {
        return Optional.ofNullable(domain);
    }
}
