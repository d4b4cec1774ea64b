package io.github.cometlyexport.domain;

/**
 * The identifier Cometly gives an export job ({@code export_id}), unique within one Space and dataset: an event
 * export and a contact export are different resources ({@code /events/exports/7}, {@code /contacts/exports/7}).
 *
 * <p>Invariant: strictly positive. Immutable and thread-safe.
 *
 * @param value   the numeric id as the API returns it
 * @param dataset the dataset whose endpoint the job belongs to
 */
public record ExportJobId(long value, Dataset dataset) {

    /**
     * Checks that the id is positive and belongs to a dataset.
     *
     * @param value   the numeric id as the API returns it; positive
     * @param dataset the dataset whose endpoint the job belongs to; not null
     * @throws IllegalArgumentException if {@code value} is not positive
     */
    public ExportJobId {
        if (value <= 0) {
            throw new IllegalArgumentException("export_id must be positive, was " + value);
        }
        java.util.Objects.requireNonNull(dataset, "dataset");
    }

    /** @param value the numeric id of an event export */
    public ExportJobId(long value) {
        this(value, Dataset.EVENTS);
    }

    /**
     * @param other the dataset whose endpoint to point at
     * @return the same number at that dataset's endpoint
     */
    public ExportJobId of(Dataset other) {
        return new ExportJobId(value, other);
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
