package io.github.cometlyexport.domain;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Names one export file in a store: the job that produced it and, when known, the exported day. Stores lay files
 * out by day ({@code date=YYYY-MM-DD/…}) when the day is known, and by id ({@code export_id=N/…}) otherwise.
 *
 * @param exportId the job
 * @param date     the exported day, or {@code null} when unknown (a bare download by id)
 */
public record ExportFileKey(ExportJobId exportId, LocalDate date) {
    /** @throws NullPointerException if {@code exportId} is null */
    public ExportFileKey {
        Objects.requireNonNull(exportId, "exportId");
    }

    /** @return the exported day, when known */
    public Optional<LocalDate> knownDate() {
        return Optional.ofNullable(date);
    }
}
