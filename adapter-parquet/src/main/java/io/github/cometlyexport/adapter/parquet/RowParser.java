package io.github.cometlyexport.adapter.parquet;

import io.github.cometlyexport.port.driven.ExportIntegrityException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Parses blocks of whole NDJSON lines (Jackson's streaming parser, one per block) into {@link Row}s: a key with a
 * typed column whose value fits goes there; every other key, a value that does not fit and a repeated key go to
 * the extra JSON object, so that nothing of the line is lost. Used by one thread.
 */
final class RowParser {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** Takes each parsed row. */
    @FunctionalInterface
    interface RowSink {
        void accept(Row row);
    }

    private final TableSchema schema;
    private final List<TableSchema.Column> columns;
    private final Row row;
    private long rows;

    RowParser(TableSchema schema) {
        this.schema = schema;
        this.columns = schema.columns();
        this.row = new Row(columns.size());
    }

    /** @return rows parsed so far */
    long rows() {
        return rows;
    }

    /**
     * @param block  whole lines (the last one may lack its newline)
     * @param length bytes of {@code block} to parse, from 0
     * @param sink   takes each row (the same {@link Row}, refilled)
     */
    void parse(byte[] block, int length, RowSink sink) {
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), block, 0, length)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t != JsonToken.START_OBJECT) {
                    throw notObject(null);
                }
                row.clear();
                while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                    String key = p.currentName();
                    JsonToken value = p.nextToken();
                    int col = schema.indexOf(key);
                    if (col < 0 || row.present[col] || !take(col, p, value)) {
                        extra(key, p, value, block);
                    }
                }
                row.closeExtra();
                rows++;
                sink.accept(row);
            }
        } catch (JacksonException e) {
            throw notObject(e);
        }
    }

    private ExportIntegrityException notObject(JacksonException e) {
        return new ExportIntegrityException("line " + (rows + 1) + " (not counting blank lines) cannot be converted: "
                + "it is not one JSON object" + (e == null ? "" : " (" + e.getOriginalMessage() + ")"), e);
    }

    /** @return whether the value fits the column (and was taken) */
    private boolean take(int col, JsonParser p, JsonToken value) {
        switch (columns.get(col).kind()) {
            case ID:
                if (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT) {
                    row.texts[col] = p.getString();
                    break;
                }
                return false;
            case TEXT:
                if (value == JsonToken.VALUE_STRING) {
                    row.texts[col] = p.getString();
                    break;
                }
                return false;
            case TIMESTAMP:
                if (value != JsonToken.VALUE_STRING) {
                    return false;
                }
                Long micros = micros(p.getString());
                if (micros == null) {
                    return false;
                }
                row.longs[col] = micros;
                break;
            case DOUBLE:
                if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
                    return false;
                }
                String text = p.getString();
                double d = p.getDoubleValue();
                if (!exact(text, d)) {
                    return false;
                }
                row.doubles[col] = d;
                break;
            default:
                return false;
        }
        row.present[col] = true;
        return true;
    }

    /** @return whether the double is exactly the number the text writes (else it goes to the extra object) */
    static boolean exact(String text, double d) {
        if (Double.isInfinite(d)) {
            return false;
        }
        String shortest = Double.toString(d);
        return shortest.equals(text) || new BigDecimal(shortest).compareTo(new BigDecimal(text)) == 0;
    }

    /** @return microseconds since the epoch, or {@code null} when the text is not an ISO instant to the microsecond */
    static Long micros(String text) {
        try {
            Instant instant = Instant.parse(text);
            if (instant.getNano() % 1000 != 0) {
                return null;
            }
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    private void extra(String key, JsonParser p, JsonToken value, byte[] block) {
        row.extraKey(key);
        switch (value) {
            case VALUE_STRING -> row.appendString(p.getString());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> row.appendAscii(p.getString());
            case VALUE_TRUE -> row.appendAscii("true");
            case VALUE_FALSE -> row.appendAscii("false");
            case VALUE_NULL -> row.appendAscii("null");
            case START_OBJECT, START_ARRAY -> {
                // Nested values are kept byte for byte: from their opening bracket to just after the closing one.
                int start = (int) p.currentTokenLocation().getByteOffset();
                p.skipChildren();
                int end = (int) p.currentLocation().getByteOffset();
                row.append(block, start, end - start);
            }
            default -> throw notObject(null);
        }
    }
}
