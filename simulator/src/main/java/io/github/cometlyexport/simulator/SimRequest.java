package io.github.cometlyexport.simulator;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * What the simulator keeps of a valid create body (what the generated file depends on): the dataset, the time range
 * (an event export's day, or a contact or company export's {@code start_date}–{@code end_date}), the requested event
 * fields and names and the contact options.
 *
 * @param dataset  {@link #EVENTS}, {@link #CONTACTS} or {@link #COMPANIES}: the path segment of its endpoint
 * @param start    the first second of the range
 * @param end      the last second of the range
 * @param fields   event keys each line carries besides {@code id} and {@code event_time_utc}; empty: all
 * @param tokens   contacts: with {@code comet_tokens}
 * @param emails   contacts: with {@code emails}
 * @param eventNames events: the only event names the lines carry; empty: any
 */
record SimRequest(String dataset, LocalDateTime start, LocalDateTime end, List<String> fields, boolean tokens,
                  boolean emails, List<String> eventNames) {
    static final String EVENTS = "events";
    static final String CONTACTS = "contacts";
    static final String COMPANIES = "companies";

    SimRequest {
        fields = List.copyOf(fields);
        eventNames = List.copyOf(eventNames);
    }

    static SimRequest events(LocalDate date, List<String> fields, List<String> eventNames) {
        return new SimRequest(EVENTS, date.atStartOfDay(), date.atTime(23, 59, 59), fields, false, false, eventNames);
    }

    /** @return whether this is a contact export */
    boolean contacts() {
        return dataset.equals(CONTACTS);
    }

    LocalDate date() {
        return start.toLocalDate();
    }
}
