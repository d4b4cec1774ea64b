package io.github.cometlyexport.adapter.ndjson;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One exported event: the documented keys typed, every key (known or not) kept in {@link #attributes()}.
 *
 * @param id           the event's id, as text (Cometly sends numbers or strings)
 * @param eventName    {@code event_name}, or {@code null} when the line does not carry it
 * @param eventTimeUtc {@code event_time_utc}
 * @param amount       {@code amount}, or {@code null}
 * @param attributes   every key of the line in order, values as {@code String}, {@code BigDecimal}, {@code Boolean},
 *                     {@code List}, {@code Map} or {@code null}; unmodifiable
 */
public record ExportEvent(String id, String eventName, Instant eventTimeUtc, BigDecimal amount,
                          Map<String, Object> attributes) {
    /**
     * Checks the required keys and keeps the attributes unmodifiable.
     *
     * @param id           the event's id, as text; not null
     * @param eventName    {@code event_name}, or {@code null} when the line does not carry it
     * @param eventTimeUtc {@code event_time_utc}; not null
     * @param amount       {@code amount}, or {@code null}
     * @param attributes   every key of the line in order; not null
     * @throws NullPointerException if {@code id}, {@code eventTimeUtc} or {@code attributes} is null
     */
    public ExportEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(eventTimeUtc, "eventTimeUtc");
        attributes = ReadLine.keep(attributes);
    }

    /** @return the amount, when the line carries one */
    public Optional<BigDecimal> knownAmount() {
        return Optional.ofNullable(amount);
    }
}
