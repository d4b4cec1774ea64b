package io.github.cometlyexport.adapter.storage.internal;

import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.domain.TableDefinition;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A table's definition as one line of JSON (JSON-P):
 * {@code {"format":1,"dataset":"events","filters":{…},"data_format":"gzip","data_extension":".ndjson.gz"}}, so that
 * a reader of the table knows what its data files are. {@code data_extension} is for readers (it follows from
 * {@code data_format}); a definition written before {@code data_format} existed is a gzip table.
 */
public final class TableJson {
    private TableJson() {
    }

    /**
     * @param table a table's definition
     * @return its JSON, one line with a newline, UTF-8
     */
    public static byte[] encode(TableDefinition table) {
        return (Json.createObjectBuilder().add("format", 1).add("dataset", table.dataset())
                .add("filters", Json.createObjectBuilder(table.filters()))
                .add("data_format", table.format().name().toLowerCase(Locale.ROOT))
                .add("data_extension", table.format().suffix()).build() + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param json a definition's bytes
     * @return the definition, or empty when the bytes are not one
     */
    public static Optional<TableDefinition> decode(byte[] json) {
        try (JsonReader reader = Json.createReader(new InputStreamReader(new ByteArrayInputStream(json),
                StandardCharsets.UTF_8))) {
            JsonObject o = reader.readObject();
            if (o.getInt("format", 0) != 1) {
                return Optional.empty();
            }
            Map<String, Object> filters = new LinkedHashMap<>();
            o.getJsonObject("filters").forEach((k, v) -> filters.put(k, plain(v)));
            // Tables defined before the data format was recorded hold gzip files, the only format there was.
            Optional<StoredFormat> format = o.containsKey("data_format")
                    ? StoredFormat.fromName(o.getString("data_format")) : Optional.of(StoredFormat.GZIP);
            return format.map(f -> new TableDefinition(o.getString("dataset"), filters, f));
        } catch (JsonException | ClassCastException | NullPointerException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The plain Java value of a filter: a string, an integer or a list of strings, as the domain gives them. */
    private static Object plain(JsonValue v) {
        if (v instanceof JsonString s) {
            return s.getString();
        }
        if (v instanceof JsonNumber n) {
            return n.intValueExact();
        }
        if (v instanceof JsonArray a) {
            List<String> out = new ArrayList<>();
            a.forEach(x -> out.add(((JsonString) x).getString()));
            return List.copyOf(out);
        }
        throw new IllegalArgumentException("unexpected filter value " + v.getValueType());
    }
}
