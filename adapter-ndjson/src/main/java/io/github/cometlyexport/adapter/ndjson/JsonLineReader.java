package io.github.cometlyexport.adapter.ndjson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
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
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The lines of an export file as plain maps, lazily, for the typed readers: one Jackson streaming parser over the
 * inflated bytes (no line splitting, no UTF-8 decoding into a line string first, no JSON-P object tree), fed by a
 * thread that inflates ahead; values
 * become {@code String}, {@code BigDecimal}, {@code Boolean}, {@code List}, {@code Map} or {@code null}. Each line
 * must be one object begun and ended on it; a line that is not fails the stream naming its number.
 */
final class JsonLineReader {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final int BUFFER = 256 * 1024;

    /** Maps one line's keys (and its number, from 1) to a typed value, or fails naming the line. */
    @FunctionalInterface
    interface LineMapper<T> {
        T map(Map<String, Object> line, long number);
    }

    private JsonLineReader() {
    }

    /** @return the file's lines, each read into a map and mapped; lazily, in constant memory */
    static <T> Stream<T> lines(InputStream gzipNdjson, LineMapper<T> mapper) {
        JsonParser parser;
        try {
            // Inflating runs a few blocks ahead on its own thread, overlapping with parsing and mapping.
            parser = FACTORY.createParser(ObjectReadContext.empty(), new ReadAheadInputStream(
                    new GZIPInputStream(gzipNdjson, BUFFER), BUFFER, 4));
        } catch (IOException e) {
            throw new UncheckedIOException("not a gzip export file: " + e.getMessage(), e);
        }
        Iterator<T> iterator = new Iterator<>() {
            private T next;
            private int previousLine;
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (next == null && !ended) {
                    next = read();
                }
                return next != null;
            }

            private T read() {
                int line = previousLine + 1;
                try {
                    JsonToken token = parser.nextToken();
                    if (token == null) {
                        ended = true;
                        return null;
                    }
                    line = parser.currentTokenLocation().getLineNr();
                    if (token != JsonToken.START_OBJECT || line == previousLine) {
                        throw new IllegalStateException("line " + line + " is not a JSON object");
                    }
                    Map<String, Object> object = new ReadLine(object(parser));
                    if (parser.currentTokenLocation().getLineNr() != line) {
                        throw new IllegalStateException("line " + line + " is not one JSON object (it goes on over "
                                + "the next line)");
                    }
                    previousLine = line;
                    return mapper.map(object, line);
                } catch (JacksonException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw new UncheckedIOException("reading line " + line + ": " + io.getMessage(), io);
                    }
                    throw new IllegalStateException("line " + line + " is not valid JSON: " + e.getOriginalMessage(),
                            e);
                }
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
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(parser::close);
    }

    /** The object whose start the parser is on, up to its end. */
    private static Map<String, Object> object(JsonParser p) {
        Map<String, Object> map = new LinkedHashMap<>();
        String name;
        while ((name = p.nextName()) != null) {
            map.put(name, value(p, p.nextToken()));
        }
        return map;
    }

    private static Object value(JsonParser p, JsonToken token) {
        switch (token) {
            case VALUE_STRING:
                return p.getString();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? new BigDecimal(p.getBigIntegerValue())
                        : BigDecimal.valueOf(p.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case START_OBJECT:
                return object(p);
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(p, t));
                }
                return list;
            default:
                return null;
        }
    }
}
