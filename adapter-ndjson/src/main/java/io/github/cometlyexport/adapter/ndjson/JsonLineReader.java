package io.github.cometlyexport.adapter.ndjson;

import io.github.cometlyexport.domain.internal.GzipMembersInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
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
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The lines of an export file as plain maps, lazily, for the typed readers: one Jackson streaming parser over the
 * file's bytes (no line splitting, no UTF-8 decoding into a line string first, no JSON-P object tree), inflated
 * first when the file is gzip (every member, to the last byte: {@link GzipMembersInputStream}), fed by a thread
 * that reads and inflates ahead; values become {@code String}, {@code BigDecimal}, {@code Boolean}, {@code List},
 * {@code Map} or {@code null}. Each line must be one object begun and ended on it; a line that is not fails the
 * stream naming its number.
 *
 * <p>Both stored formats are read: a file whose first byte is {@code 0x1f} (the first byte of the gzip magic) is
 * gzip, anything else plain NDJSON. The sniff is safe: {@code 0x1f} is a control character, which can neither begin
 * an NDJSON line (an object's {@code '{'} or whitespace) nor appear raw anywhere in JSON text, so a plain file is
 * never taken for gzip, and a damaged gzip file still fails as gzip. An empty file is plain NDJSON of no lines (an
 * empty day may be stored as zero bytes).
 */
final class JsonLineReader {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final int BUFFER = 256 * 1024;
    private static final int GZIP_FIRST_BYTE = 0x1f;

    /** Maps one line's keys (and its number, from 1) to a typed value, or fails naming the line. */
    @FunctionalInterface
    interface LineMapper<T> {
        T map(Map<String, Object> line, long number);
    }

    private JsonLineReader() {
    }

    /**
     * @param file the stored file's bytes, gzip or plain NDJSON; closed with the stream (or at once if it fails here)
     * @return the file's lines, each read into a map and mapped; lazily, in constant memory
     * @throws UncheckedIOException if the file cannot be read, or its first bytes are not a valid gzip header
     */
    static <T> Stream<T> lines(InputStream file, LineMapper<T> mapper) {
        InputStream ndjson;
        try {
            ndjson = ndjson(file);
        } catch (IOException e) {
            closeQuietly(file, e);
            throw new UncheckedIOException("not a readable export file: " + e.getMessage(), e);
        }
        // Reading (and inflating) runs a few blocks ahead on its own thread, overlapping with parsing and mapping.
        ReadAheadInputStream ahead = new ReadAheadInputStream(ndjson, BUFFER, 4);
        JsonParser parser;
        try {
            parser = FACTORY.createParser(ObjectReadContext.empty(), ahead);
        } catch (RuntimeException | Error e) {
            // The parser reads its first bytes at once: a file that fails that early fails here, and is closed.
            closeQuietly(ahead, e);
            if (e instanceof JacksonException && e.getCause() instanceof IOException io) {
                throw new UncheckedIOException("reading line 1: " + io.getMessage(), io);
            }
            throw e;
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

    /** The file's lines: inflated if its first byte says gzip, as they are otherwise. */
    private static InputStream ndjson(InputStream file) throws IOException {
        PushbackInputStream sniffed = new PushbackInputStream(file, 1);
        int first = sniffed.read();
        if (first < 0) {
            return sniffed;
        }
        sniffed.unread(first);
        return first == GZIP_FIRST_BYTE ? new GzipMembersInputStream(sniffed, BUFFER) : sniffed;
    }

    private static void closeQuietly(InputStream file, Throwable failure) {
        try {
            file.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
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
