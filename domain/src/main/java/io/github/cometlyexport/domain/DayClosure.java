package io.github.cometlyexport.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * When a day of a Space is over for good. Cometly's {@code date} is a calendar day in the Space's own time zone, and
 * events arrive late: a day is <em>closed</em> once it has ended in that zone and the settle time has passed. A day
 * exported before that is provisional and must be exported again once closed; a closed day is final.
 *
 * <p>With the zone unknown, the latest zone on earth (UTC−12) is assumed, so that no day is ever cut short.
 * Pure, immutable and thread-safe.
 *
 * @param zone   the Space's time zone; default UTC−12
 * @param settle how long after the day's end late events may still arrive; default 2 h, not negative
 */
public record DayClosure(ZoneId zone, Duration settle) {

    /** The latest zone on earth: a day there ends after it has ended everywhere else. */
    public static final ZoneId LATEST_ZONE = ZoneOffset.ofHours(-12);

    /**
     * Checks the settle time.
     *
     * @param zone   the Space's time zone; not null
     * @param settle how long after the day's end late events may still arrive; not null, not negative
     * @throws IllegalArgumentException if the settle time is negative
     */
    public DayClosure {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(settle, "settle");
        if (settle.isNegative()) {
            throw new IllegalArgumentException("the settle time must not be negative, was " + settle);
        }
    }

    /** @return UTC−12 and 2 h */
    public static DayClosure defaults() {
        return new DayClosure(LATEST_ZONE, Duration.ofHours(2));
    }

    /**
     * @param day a day of the Space
     * @return the instant from which it counts as closed: its end in the Space's zone plus the settle time
     */
    public Instant closesAt(LocalDate day) {
        return day.plusDays(1).atStartOfDay(zone).toInstant().plus(settle);
    }

    /**
     * @param day a day of the Space
     * @param now the current instant
     * @return whether the day is closed at {@code now}
     */
    public boolean isClosed(LocalDate day, Instant now) {
        return !now.isBefore(closesAt(day));
    }

    /**
     * @param now the current instant
     * @return the latest day that is closed at {@code now}
     */
    public LocalDate lastClosedDay(Instant now) {
        LocalDate day = now.minus(settle).atZone(zone).toLocalDate().minusDays(1);
        while (!isClosed(day, now)) {
            day = day.minusDays(1);
        }
        return day;
    }
}
