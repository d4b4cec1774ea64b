package io.github.cometlyexport.adapter.ndjson;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;

/**
 * Reads typed events lazily from an export file (gzip NDJSON), one line at a time, in constant memory:
 *
 * <pre>{@code
 * try (Stream<ExportEvent> events = ExportEventReader.events(Files.newInputStream(path))) {
 *     events.filter(e -> "purchase".equals(e.eventName())).forEach(...);
 * }
 * }</pre>
 *
 * Each line is read into a JSON-P object and mapped: known keys typed, all keys kept. Closing the stream closes the
 * input. A malformed line fails the stream with an {@link IllegalStateException} naming its number.
 */
public final class ExportEventReader {
    /** Looked up once: {@code Json.createParser} would search for the provider on every line. */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private ExportEventReader() {
    }

    /**
     * @param gzipNdjson the file's bytes (compressed); closed with the stream
     * @return a lazy, sequential stream of events
     * @throws UncheckedIOException if the gzip header cannot be read
     */
    public static Stream<ExportEvent> events(InputStream gzipNdjson) {
        return lines(gzipNdjson, ExportEventReader::parse);
    }

    /** Maps one line's JSON object (and its number, from 1) to a typed value, or fails naming the line. */
    @FunctionalInterface
    interface LineMapper<T> {
        T map(JsonObject line, long number);
    }

    /** @return the file's lines, each read into a JSON-P object and mapped; lazily, in constant memory */
    static <T> Stream<T> lines(InputStream gzipNdjson, LineMapper<T> mapper) {
        BufferedReader reader;
        try {
            reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(gzipNdjson, 1 << 16),
                    StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("not a gzip export file: " + e.getMessage(), e);
        }
        Iterator<T> iterator = new Iterator<>() {
            private T next;
            private long lineNumber;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    String line;
                    try {
                        line = reader.readLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException("reading line " + (lineNumber + 1) + ": " + e.getMessage(), e);
                    }
                    if (line == null) {
                        return false;
                    }
                    lineNumber++;
                    if (!line.isBlank()) {
                        next = mapper.map(object(line, lineNumber), lineNumber);
                    }
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                T e = next;
                next = null;
                return e;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(() -> {
                    try {
                        reader.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    static ExportEvent parse(String line, long number) {
        return parse(object(line, number), number);
    }

    static JsonObject object(String line, long number) {
        try (JsonParser parser = PARSERS.createParser(new java.io.StringReader(line))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new IllegalStateException("line " + number + " is not a JSON object");
            }
            return parser.getObject();
        } catch (JsonParsingException e) {
            throw new IllegalStateException("line " + number + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static ExportEvent parse(JsonObject object, long number) {
        JsonValue id = object.get("id");
        if (id == null || !(id instanceof JsonString || id instanceof JsonNumber)) {
            throw new IllegalStateException("line " + number + " has no id");
        }
        String time = object.containsKey("event_time_utc") && object.get("event_time_utc") instanceof JsonString s
                ? s.getString() : null;
        if (time == null) {
            throw new IllegalStateException("line " + number + " has no event_time_utc");
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("line " + number + " has event_time_utc '" + time
                    + "', not an ISO 8601 instant", e);
        }
        String name = object.get("event_name") instanceof JsonString s ? s.getString() : null;
        java.math.BigDecimal amount = object.get("amount") instanceof JsonNumber n ? n.bigDecimalValue() : null;
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = (Map<String, Object>) plain(object);
        return new ExportEvent(id instanceof JsonString s ? s.getString() : id.toString(), name, at, amount,
                attributes);
    }

    static Object plain(JsonValue v) {
        switch (v.getValueType()) {
            case OBJECT:
                Map<String, Object> map = new LinkedHashMap<>();
                ((JsonObject) v).forEach((k, x) -> map.put(k, plain(x)));
                return map;
            case ARRAY:
                List<Object> list = new ArrayList<>();
                ((JsonArray) v).forEach(x -> list.add(plain(x)));
                return list;
            case STRING:
                return ((JsonString) v).getString();
            case NUMBER:
                return ((JsonNumber) v).bigDecimalValue();
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }
}
