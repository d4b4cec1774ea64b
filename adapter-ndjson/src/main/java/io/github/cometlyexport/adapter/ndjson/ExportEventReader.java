package io.github.cometlyexport.adapter.ndjson;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;


/**
 * Reads typed events lazily from an export file (gzip NDJSON), one line at a time, in constant memory:
 *
 * <pre>{@code
 * try (Stream<ExportEvent> events = ExportEventReader.events(Files.newInputStream(path))) {
 *     events.filter(e -> "purchase".equals(e.eventName())).forEach(...);
 * }
 * }</pre>
 *
 * Each line is read by Jackson's streaming parser into plain values and mapped: known keys typed, all keys kept.
 * Closing the stream closes the input. A malformed line fails the stream with an {@link IllegalStateException}
 * naming its number.
 */
public final class ExportEventReader {

    private ExportEventReader() {
    }

    /**
     * @param gzipNdjson the file's bytes (compressed); closed with the stream
     * @return a lazy, sequential stream of events
     * @throws UncheckedIOException if the gzip header cannot be read
     */
    public static Stream<ExportEvent> events(InputStream gzipNdjson) {
        return JsonLineReader.lines(gzipNdjson, ExportEventReader::event);
    }

    static ExportEvent event(Map<String, Object> line, long number) {
        String id = LineValues.id(line, number);
        Instant at = LineValues.instant(line, "event_time_utc", number);
        return new ExportEvent(id, LineValues.text(line, "event_name"), at,
                line.get("amount") instanceof BigDecimal amount ? amount : null, line);
    }
}
