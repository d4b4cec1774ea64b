package io.github.cometlyexport.domain;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Names one export file in a store: by its day when the day is known (a table holds one file per day, whichever
 * job made it), otherwise by the job that produced it (a bare download by id).
 *
 * @param exportId the job, or {@code null} when only the day matters
 * @param date     the exported day, or {@code null} when unknown (a bare download by id)
 */
public record ExportFileKey(ExportJobId exportId, LocalDate date) {
    /** @throws IllegalArgumentException if neither the job nor the day is given */
    public ExportFileKey {
        if (exportId == null && date == null) {
            throw new IllegalArgumentException("an export file is named by its day or, when unknown, its job");
        }
    }

    /**
     * @param date a day
     * @return the key of that day's file in a table
     */
    public static ExportFileKey ofDay(LocalDate date) {
        return new ExportFileKey(null, Objects.requireNonNull(date, "date"));
    }

    /** @return the exported day, when known */
    public Optional<LocalDate> knownDate() {
        return Optional.ofNullable(date);
    }
}
