package io.github.cometlyexport.simulator;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * What the simulator keeps of a valid create body (what the generated file depends on): the dataset, the time range
 * (an event export's day, or a contact export's {@code start_date}–{@code end_date}), the requested event fields and
 * the contact options.
 *
 * @param contacts whether this is a contact export
 * @param start    the first second of the range
 * @param end      the last second of the range
 * @param fields   event keys each line carries besides {@code id} and {@code event_time_utc}; empty: all
 * @param tokens   contacts: with {@code comet_tokens}
 * @param emails   contacts: with {@code emails}
 */
record SimRequest(boolean contacts, LocalDateTime start, LocalDateTime end, List<String> fields, boolean tokens,
                  boolean emails) {
    SimRequest {
        fields = List.copyOf(fields);
    }

    static SimRequest events(LocalDate date, List<String> fields) {
        return new SimRequest(false, date.atStartOfDay(), date.atTime(23, 59, 59), fields, false, false);
    }

    LocalDate date() {
        return start.toLocalDate();
    }
}
