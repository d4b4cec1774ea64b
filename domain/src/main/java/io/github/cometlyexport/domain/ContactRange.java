package io.github.cometlyexport.domain;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Objects;

/**
 * The time range of a contact (or company) export: those created from {@code start} to {@code end}, both in the Space's
 * time zone, as the create endpoint's {@code start_date} and {@code end_date} ({@code YYYY-MM-DD HH:MM:SS}). One day
 * is {@code D 00:00:00} to {@code D 23:59:59} ({@link #ofDay}).
 *
 * @param start the first second, inclusive
 * @param end   the last second, inclusive; after {@code start}
 */
public record ContactRange(LocalDateTime start, LocalDateTime end) {
    /** The API's form of both ends. */
    public static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);

    /**
     * Checks that the range is whole seconds and not empty.
     *
     * @param start the first second, inclusive, in the Space's time zone
     * @param end   the last second, inclusive, in the Space's time zone
     * @throws IllegalArgumentException if {@code end} is not after {@code start}, or either has fractions
     */
    public ContactRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end_date " + FORMAT.format(end) + " must be after start_date "
                    + FORMAT.format(start));
        }
        if (start.getNano() != 0 || end.getNano() != 0) {
            throw new IllegalArgumentException("start_date and end_date are whole seconds");
        }
    }

    /**
     * @param day a day of the Space's time zone
     * @return that day, {@code D 00:00:00} to {@code D 23:59:59}
     */
    public static ContactRange ofDay(LocalDate day) {
        return new ContactRange(day.atStartOfDay(), day.atTime(23, 59, 59));
    }

    /** @return {@code start_date} as the API spells it */
    public String startText() {
        return FORMAT.format(start);
    }

    /** @return {@code end_date} as the API spells it */
    public String endText() {
        return FORMAT.format(end);
    }
}
