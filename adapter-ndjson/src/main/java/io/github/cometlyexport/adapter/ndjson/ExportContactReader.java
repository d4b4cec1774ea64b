package io.github.cometlyexport.adapter.ndjson;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads typed contacts lazily from a contact export file (gzip NDJSON), one line at a time, in constant memory,
 * like {@link ExportEventReader} does events:
 *
 * <pre>{@code
 * try (Stream<ExportContact> contacts = ExportContactReader.contacts(Files.newInputStream(path))) {
 *     contacts.forEach(c -> crm.upsert(c.id(), c.email(), c.createdAt()));
 * }
 * }</pre>
 *
 * A malformed line, or one without {@code id} or {@code created_at}, fails the stream with an
 * {@link IllegalStateException} naming its number.
 */
public final class ExportContactReader {
    private ExportContactReader() {
    }

    /**
     * @param gzipNdjson the file's bytes (compressed); closed with the stream
     * @return a lazy, sequential stream of contacts
     * @throws java.io.UncheckedIOException if the gzip header cannot be read
     */
    public static Stream<ExportContact> contacts(InputStream gzipNdjson) {
        return ExportEventReader.lines(gzipNdjson, ExportContactReader::parse);
    }

    static ExportContact parse(JsonObject o, long number) {
        JsonValue id = o.get("id");
        if (!(id instanceof JsonString || id instanceof JsonNumber)) {
            throw new IllegalStateException("line " + number + " has no id");
        }
        if (!(o.get("created_at") instanceof JsonString created)) {
            throw new IllegalStateException("line " + number + " has no created_at");
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(created.getString()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("line " + number + " has created_at '" + created.getString()
                    + "', not an ISO 8601 instant", e);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = (Map<String, Object>) ExportEventReader.plain(o);
        return new ExportContact(id instanceof JsonString s ? s.getString() : id.toString(), text(o, "email"),
                text(o, "name"), at, strings(o, "comet_tokens"), strings(o, "emails"), attributes);
    }

    private static String text(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : null;
    }

    private static List<String> strings(JsonObject o, String key) {
        List<String> out = new ArrayList<>();
        if (o.get(key) instanceof JsonArray array) {
            array.forEach(v -> {
                if (v instanceof JsonString s) {
                    out.add(s.getString());
                }
            });
        }
        return out;
    }
}
