package io.github.cometlyexport.adapter.ndjson;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;


/**
 * Reads typed events lazily from an export file, one line at a time, in constant memory, in either stored format:
 * gzip NDJSON ({@code .ndjson.gz}, every gzip member to the last byte) or plain NDJSON ({@code .ndjson}):
 *
 * <pre>{@code
 * try (Stream<ExportEvent> events = ExportEventReader.events(Files.newInputStream(path))) {
 *     events.filter(e -> "purchase".equals(e.eventName())).forEach(...);
 * }
 * }</pre>
 *
 * Each line is read by Jackson's streaming parser into plain values and mapped: known keys typed, all keys kept.
 * Closing the stream closes the input. A malformed line fails the stream with an {@link IllegalStateException}
 * naming its number; damaged gzip (a bad CRC or length, a member cut short, or bytes after a member that are not a
 * whole member) with an {@link UncheckedIOException}. The format is told from the first byte: {@code 0x1f}, the
 * first byte of the gzip magic, is gzip; a plain NDJSON file cannot begin with it (its lines begin with
 * <code>'&#123;'</code> or whitespace, and JSON allows no raw control character), so it is never mistaken. An empty
 * file has no events. A failure of the input while it is read ahead (an exception or an {@link Error} thrown by the
 * {@code InputStream}) is thrown to the stream's consumer, never swallowed.
 */
public final class ExportEventReader {

    private ExportEventReader() {
    }

    /**
     * @param file the file's bytes as stored: gzip NDJSON or plain NDJSON; closed with the stream
     * @return a lazy, sequential stream of events
     * @throws UncheckedIOException if the file cannot be read, or begins as gzip but its header is not valid
     */
    public static Stream<ExportEvent> events(InputStream file) {
        return JsonLineReader.lines(file, ExportEventReader::event);
    }

    static ExportEvent event(Map<String, Object> line, long number) {
        String id = LineValues.id(line, number);
        Instant at = LineValues.instant(line, "event_time_utc", number);
        return new ExportEvent(id, LineValues.text(line, "event_name"), at,
                line.get("amount") instanceof BigDecimal amount ? amount : null, line);
    }
}
