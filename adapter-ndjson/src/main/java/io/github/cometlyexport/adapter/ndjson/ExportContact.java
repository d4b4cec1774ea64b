package io.github.cometlyexport.adapter.ndjson;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One contact of a contact export: the documented keys typed, every key of the line kept in {@code attributes}.
 *
 * @param id          the contact's id (a number as text, or the Space's string id)
 * @param email       the email, or {@code null} when the line has none
 * @param name        the name, or {@code null}
 * @param createdAt   when the contact was created ({@code created_at})
 * @param cometTokens the last Cometly tracking tokens, when the export asked for them; else empty
 * @param emails      every email of merged profiles, when the export asked for them; else empty
 * @param attributes  every key of the line (nested objects as maps, arrays as lists)
 */
public record ExportContact(String id, String email, String name, Instant createdAt, List<String> cometTokens,
                            List<String> emails, Map<String, Object> attributes) {
    /**
     * Checks the required keys and copies the lists and the attributes.
     *
     * @param id          the contact's id, as text; not null
     * @param email       the email, or {@code null} when the line has none
     * @param name        the name, or {@code null}
     * @param createdAt   when the contact was created; not null
     * @param cometTokens the last Cometly tracking tokens; not null, empty when not asked for
     * @param emails      every email of merged profiles; not null, empty when not asked for
     * @param attributes  every key of the line; not null
     * @throws NullPointerException if {@code id}, {@code createdAt}, a list or {@code attributes} is null
     */
    public ExportContact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        cometTokens = List.copyOf(cometTokens);
        emails = List.copyOf(emails);
        attributes = ReadLine.keep(attributes);
    }

    /** @return the email, when the line carries one */
    public Optional<String> knownEmail() {
        return Optional.ofNullable(email);
    }
}
