package io.github.cometlyexport.port.driving;

import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.DayClosure;
import io.github.cometlyexport.domain.VolumeRule;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A range of days of one table to audit.
 *
 * @param dataset the table's dataset
 * @param from    the first day, inclusive
 * @param to      the last day, inclusive, or {@code null} for the day it is now in the Space's zone
 * @param deep    whether data files are read through (SHA-256, line count and keys checked against the manifest,
 *                and schema drift looked for); without it only listings and manifests are read
 * @param closure when a day counts as closed (the same rule as for exporting)
 * @param volume  when a day's line count is implausibly low
 */
public record AuditTableCommand(Dataset dataset, LocalDate from, LocalDate to, boolean deep, DayClosure closure,
                                VolumeRule volume) {

    /**
     * Checks the range.
     *
     * @param dataset the table's dataset; not null
     * @param from    the first day; not null
     * @param to      the last day, or {@code null}
     * @param deep    whether data files are read through
     * @param closure when days close; not null
     * @param volume  the low-volume rule; not null
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     */
    public AuditTableCommand {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(closure, "closure");
        Objects.requireNonNull(volume, "volume");
        if (to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("the range ends (" + to + ") before it starts (" + from + ")");
        }
    }
}
