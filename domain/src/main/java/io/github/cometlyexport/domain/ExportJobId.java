package io.github.cometlyexport.domain;

/**
 * The identifier Cometly gives an export job ({@code export_id}), unique within one Space.
 *
 * <p>Invariant: strictly positive. Immutable and thread-safe.
 *
 * @param value the numeric id as the API returns it
 */
public record ExportJobId(long value) {

    /**
     * @throws IllegalArgumentException if {@code value} is not positive
     */
    public ExportJobId {
        if (value <= 0) {
            throw new IllegalArgumentException("export_id must be positive, was " + value);
        }
    }

    /**
     * Parses an id as a user types it (for example on the command line).
     *
     * @param text decimal digits
     * @return the id
     * @throws IllegalArgumentException if {@code text} is not a positive decimal number
     */
    public static ExportJobId parse(String text) {
        try {
            return new ExportJobId(Long.parseLong(text.trim()));
        } catch (NumberFormatException | NullPointerException e) {
            // The text is not echoed: a mistyped command line may have put a key here.
            throw new IllegalArgumentException("EXPORT_ID must be a positive whole number", e);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
