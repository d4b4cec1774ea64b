package io.github.cometlyexport.adapter.parquet;

import io.github.cometlyexport.port.driven.ExportIntegrityException;
import java.math.BigDecimal;
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
                    int col = schema.indexOf(key);
                    // Another key is kept byte for byte, from its opening quote to the end of its value.
                    int keyAt = col < 0 ? (int) p.currentTokenLocation().getByteOffset() : -1;
                    JsonToken value = p.nextToken();
                    if (col < 0 || row.present[col] || !take(col, p, value)) {
                        extra(key, keyAt, p, value, block, length);
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
                Long micros = Timestamps.micros(p.getString());
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

    /**
     * Adds the member to the extra object as the line wrote it: its bytes from the key's opening quote (or, for a
     * value that did not fit its column, from the value) to the end of the value, so nothing is re-encoded.
     */
    private void extra(String key, int keyAt, JsonParser p, JsonToken value, byte[] block, int length) {
        int valueAt = (int) p.currentTokenLocation().getByteOffset();
        int end = switch (value) {
            case VALUE_STRING -> afterString(block, valueAt, length);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> afterNumber(block, valueAt, length);
            case VALUE_TRUE, VALUE_NULL -> valueAt + 4;
            case VALUE_FALSE -> valueAt + 5;
            case START_OBJECT, START_ARRAY -> {
                p.skipChildren();
                yield (int) p.currentLocation().getByteOffset();
            }
            default -> throw notObject(null);
        };
        row.openMember();
        if (keyAt >= 0) {
            row.append(block, keyAt, end - keyAt);
        } else {
            row.appendString(key);
            row.append(COLON, 0, 1);
            row.append(block, valueAt, end - valueAt);
        }
    }

    private static final byte[] COLON = {':'};

    /** @return the index after the string literal that starts (with its quote) at {@code from} */
    static int afterString(byte[] block, int from, int length) {
        for (int i = from + 1; i < length; i++) {
            if (block[i] == '\\') {
                i++;
            } else if (block[i] == '"') {
                return i + 1;
            }
        }
        throw new ExportIntegrityException("an unterminated string in a line that parsed", null);
    }

    /** @return the index after the number that starts at {@code from} */
    static int afterNumber(byte[] block, int from, int length) {
        int i = from;
        while (i < length && isNumberByte(block[i])) {
            i++;
        }
        return i;
    }

    private static boolean isNumberByte(byte b) {
        return b >= '0' && b <= '9' || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E';
    }
}
