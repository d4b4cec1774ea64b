package io.github.cometlyexport.adapter.http;

import io.github.cometlyexport.port.out.ExportIntegrityException;
import io.github.cometlyexport.port.out.VerifyExportLinesPort;
import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Checks that every line of an export is exactly one well-formed JSON object, with a JSON-P (Parsson) streaming
 * parser: a token walk per line, no object tree and no binding. Binding each line into a type with JSON-B costs two
 * to three times as much (see the testing notes), so typed events are left to {@link ExportEventReader}, for callers
 * that want them. Thread-safe; each verifier is used by one thread.
 */
public final class JsonLinesVerifierAdapter implements VerifyExportLinesPort {
    /** Longest line accepted; a longer one is reported instead of growing memory without bound. */
    public static final int MAX_LINE_BYTES = 16 << 20;

    private final JsonParserFactory factory = Json.createParserFactory(Map.of());

    @Override
    public LineVerifier start() {
        return new Verifier(factory);
    }

    private static final class Verifier implements LineVerifier {
        private final JsonParserFactory factory;
        private byte[] line = new byte[8192];
        private int length;
        private long lines;
        private long lineNumber;

        Verifier(JsonParserFactory factory) {
            this.factory = factory;
        }

        @Override
        public void accept(byte[] chunk, int offset, int count) {
            int end = offset + count;
            int start = offset;
            for (int i = offset; i < end; i++) {
                if (chunk[i] == '\n') {
                    append(chunk, start, i - start);
                    endLine();
                    start = i + 1;
                }
            }
            append(chunk, start, end - start);
        }

        @Override
        public long finish() {
            endLine();
            return lines;
        }

        private void append(byte[] chunk, int from, int count) {
            if (count == 0) {
                return;
            }
            if (length + count > MAX_LINE_BYTES) {
                throw new ExportIntegrityException("line " + (lineNumber + 1) + " is longer than " + MAX_LINE_BYTES
                        + " bytes", null);
            }
            if (length + count > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
            }
            System.arraycopy(chunk, from, line, length, count);
            length += count;
        }

        private void endLine() {
            lineNumber++;
            if (isBlank()) {
                length = 0;
                return;
            }
            try (JsonParser parser = factory.createParser(new ByteArrayInputStream(line, 0, length),
                    StandardCharsets.UTF_8)) {
                if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                    throw notAnObject(null);
                }
                // Walk every token: the parser's state machine checks the grammar as it goes.
                int depth = 1;
                while (depth > 0) {
                    JsonParser.Event event = parser.next();
                    if (event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) {
                        depth++;
                    } else if (event == JsonParser.Event.END_OBJECT || event == JsonParser.Event.END_ARRAY) {
                        depth--;
                    }
                }
                if (parser.hasNext()) {
                    throw notAnObject(null);
                }
            } catch (JsonParsingException | java.util.NoSuchElementException e) {
                throw notAnObject(e);
            } catch (jakarta.json.JsonException e) {
                throw notAnObject(e);
            }
            lines++;
            length = 0;
        }

        private boolean isBlank() {
            for (int i = 0; i < length; i++) {
                byte b = line[i];
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }

        private ExportIntegrityException notAnObject(RuntimeException cause) {
            String reason = cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")";
            return new ExportIntegrityException("line " + lineNumber + " is not one JSON object" + reason, cause);
        }
    }
}
