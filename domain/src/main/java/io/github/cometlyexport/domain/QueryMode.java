package io.github.cometlyexport.domain;

import java.util.Optional;

/** The level an export counts events at ({@code query_mode}). */
public enum QueryMode {
    /** Contact level; the API's default. */
    PROFILE("profile"),
    /** Company level. */
    COMPANY("company");

    private final String wireName;

    QueryMode(String wireName) {
        this.wireName = wireName;
    }

    /** @return the value as the API spells it */
    public String wireName() {
        return wireName;
    }

    /**
     * @param text a value as the API or a user spells it
     * @return the mode, or empty if {@code text} is not a documented mode
     */
    public static Optional<QueryMode> fromWireName(String text) {
        for (QueryMode mode : values()) {
            if (mode.wireName.equals(text)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
