package io.github.cometlyexport.simulator;

import java.time.LocalDate;
import java.util.List;

/**
 * What the simulator keeps of a valid create body: the day and the requested fields (what the generated file
 * depends on).
 *
 * @param date   the day
 * @param fields the keys each line carries besides {@code id} and {@code event_time_utc}; empty: all
 */
record SimRequest(LocalDate date, List<String> fields) {
    SimRequest {
        fields = List.copyOf(fields);
    }
}
