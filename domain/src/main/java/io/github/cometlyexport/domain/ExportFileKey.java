package io.github.cometlyexport.domain;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Names one export file in a store: by its dataset and day when the day is known (a table holds one file per day,
 * whichever job made it), otherwise by the job that produced it (a bare download by id).
 *
 * @param exportId the job, or {@code null} when only the day matters
 * @param date     the exported day, or {@code null} when unknown (a bare download by id)
 * @param dataset  the table the file belongs to; the job's when a job is given
 */
public record ExportFileKey(ExportJobId exportId, LocalDate date, Dataset dataset) {
    /**
     * Checks that the file is named by a day or a job, and that the job belongs to the dataset.
     *
     * @param exportId the job, or {@code null} when only the day matters
     * @param date     the exported day, or {@code null} when unknown
     * @param dataset  the table the file belongs to; not null, and the job's dataset when a job is given
     * @throws IllegalArgumentException if neither the job nor the day is given, or the job is of another dataset
     */
    public ExportFileKey {
        Objects.requireNonNull(dataset, "dataset");
        if (exportId == null && date == null) {
            throw new IllegalArgumentException("an export file is named by its day or, when unknown, its job");
        }
        if (exportId != null && exportId.dataset() != dataset) {
            throw new IllegalArgumentException("job " + exportId + " exports " + exportId.dataset().wireName()
                    + ", not " + dataset.wireName());
        }
    }

    /**
     * @param exportId the job, or {@code null} when only the day matters
     * @param date     the exported day, or {@code null} when unknown
     */
    public ExportFileKey(ExportJobId exportId, LocalDate date) {
        this(exportId, date, exportId == null ? Dataset.EVENTS : exportId.dataset());
    }

    /**
     * @param date a day
     * @return the key of that day's file in the events table
     */
    public static ExportFileKey ofDay(LocalDate date) {
        return ofDay(Dataset.EVENTS, date);
    }

    /**
     * @param dataset the table's dataset
     * @param date    a day
     * @return the key of that day's file in that dataset's table
     */
    public static ExportFileKey ofDay(Dataset dataset, LocalDate date) {
        return new ExportFileKey(null, Objects.requireNonNull(date, "date"), dataset);
    }

    /** @return the exported day, when known */
    public Optional<LocalDate> knownDate() {
        return Optional.ofNullable(date);
    }
}
