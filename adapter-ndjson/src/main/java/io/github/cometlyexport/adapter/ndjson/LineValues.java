package io.github.cometlyexport.adapter.ndjson;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The documented keys of a line read by {@link JsonLineReader}, typed, or a failure naming the line. */
final class LineValues {
    private LineValues() {
    }

    /** @return the line's {@code id} as text (ids are numbers or strings) */
    static String id(Map<String, Object> line, long number) {
        Object id = line.get("id");
        if (id instanceof String s) {
            return s;
        }
        if (id instanceof BigDecimal n) {
            return n.toString();
        }
        throw new IllegalStateException("line " + number + " has no id");
    }

    /** @return the instant under {@code key}, which the line must carry */
    static Instant instant(Map<String, Object> line, String key, long number) {
        if (!(line.get(key) instanceof String text)) {
            throw new IllegalStateException("line " + number + " has no " + key);
        }
        try {
            // Cometly writes UTC with a Z; Instant.parse reads that directly, an offset needs the general parser.
            return text.endsWith("Z") ? Instant.parse(text) : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("line " + number + " has " + key + " '" + text
                    + "', not an ISO 8601 instant", e);
        }
    }

    /** @return the text under {@code key}, or null when the line has none */
    static String text(Map<String, Object> line, String key) {
        return line.get(key) instanceof String s ? s : null;
    }

    /** @return the strings of the array under {@code key}; empty when the line has none */
    static List<String> strings(Map<String, Object> line, String key) {
        List<String> out = new ArrayList<>();
        if (line.get(key) instanceof List<?> list) {
            for (Object v : list) {
                if (v instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
