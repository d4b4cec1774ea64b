package io.github.cometlyexport.domain;

import java.util.Objects;

/**
 * One broken rule of an export request.
 *
 * @param field   the JSON field name of the create endpoint ({@code date}, {@code event_names}, …), so that a user
 *                can map the message to Cometly's documentation
 * @param message what is wrong, in plain words, naming the offending value
 */
public record Violation(String field, String message) {
    /**
     * Checks that both parts are given.
     *
     * @param field   the create endpoint's JSON field name; not null
     * @param message what is wrong, in plain words; not null
     * @throws NullPointerException if an argument is null
     */
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
