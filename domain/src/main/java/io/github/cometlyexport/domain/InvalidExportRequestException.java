package io.github.cometlyexport.domain;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An export request broke one or more rules of the create endpoint. Thrown before any network call; it lists
 * every violation at once so a user can fix them all in one go.
 */
public final class InvalidExportRequestException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The broken rules, in field order. Lists of records are serializable. */
    @SuppressWarnings("serial")
    private final List<Violation> violations;

    /**
     * @param violations at least one violation
     */
    public InvalidExportRequestException(List<Violation> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
    }

    /** @return every violation, never empty */
    public List<Violation> violations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid request has at least one violation");
        }
        return "invalid export request (" + violations.size() + (violations.size() == 1 ? " problem" : " problems")
                + "): " + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
