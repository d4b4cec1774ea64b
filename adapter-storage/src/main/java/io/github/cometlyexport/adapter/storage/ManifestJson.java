package io.github.cometlyexport.adapter.storage;

import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.ExportRequest;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A manifest as JSON (JSON-P), the commit mark of a stored export:
 * {@code {"format":1,"export_id":…,"date":…,"request":{…},"bytes":…,"sha256":…,"events":…,"created_at":…,
 * "completed_at":…,"stored_at":…,"source_etag":…,"attempts":…}}. The request uses the API's field names.
 */
public final class ManifestJson {
    private static final JsonWriterFactory PRETTY = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING,
            true));

    private ManifestJson() {
    }

    /**
     * @param m a manifest
     * @return its JSON, UTF-8
     */
    public static byte[] encode(ExportManifest m) {
        JsonObjectBuilder o = Json.createObjectBuilder()
                .add("format", 1)
                .add("export_id", m.exportId().value());
        if (m.date() != null) {
            o.add("date", m.date().toString());
        }
        if (m.request() != null) {
            o.add("request", Json.createObjectBuilder(m.request().wireFields()));
        }
        o.add("bytes", m.bytes()).add("sha256", m.sha256()).add("events", m.events())
                .add("created_at", m.createdAt().toString()).add("completed_at", m.completedAt().toString())
                .add("stored_at", m.storedAt().toString());
        if (m.sourceEtag() != null) {
            o.add("source_etag", m.sourceEtag());
        }
        o.add("attempts", m.attempts());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonWriter writer = PRETTY.createWriter(out, StandardCharsets.UTF_8)) {
            writer.writeObject(o.build());
        }
        return out.toByteArray();
    }

    /**
     * @param json a manifest's bytes
     * @return the manifest, or empty when the bytes are not a complete, valid manifest (a store treats such a file
     *         as not stored)
     */
    public static Optional<ExportManifest> decode(byte[] json) {
        try (JsonReader reader = Json.createReader(new java.io.InputStreamReader(new ByteArrayInputStream(json),
                StandardCharsets.UTF_8))) {
            JsonObject o = reader.readObject();
            if (o.getInt("format", 0) != 1) {
                return Optional.empty();
            }
            ExportRequest request = o.containsKey("request") ? request(o.getJsonObject("request")) : null;
            return Optional.of(new ExportManifest(new ExportJobId(o.getJsonNumber("export_id").longValueExact()),
                    o.containsKey("date") ? LocalDate.parse(o.getString("date")) : null, request,
                    o.getJsonNumber("bytes").longValueExact(), o.getString("sha256"),
                    o.getJsonNumber("events").longValueExact(), Instant.parse(o.getString("created_at")),
                    Instant.parse(o.getString("completed_at")), Instant.parse(o.getString("stored_at")),
                    o.getString("source_etag", null), o.getInt("attempts")));
        } catch (JsonException | ClassCastException | NullPointerException | ArithmeticException
                 | IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static ExportRequest request(JsonObject o) {
        return ExportRequest.builder().date(o.getString("date")).queryMode(o.getString("query_mode", null))
                .eventNames(strings(o, "event_names")).sources(strings(o, "sources"))
                .attributionModel(o.getString("attribution_model", null))
                .attributionWindow(o.containsKey("attribution_window") ? o.getInt("attribution_window") : null)
                .fields(strings(o, "fields")).build();
    }

    private static List<String> strings(JsonObject o, String key) {
        List<String> out = new ArrayList<>();
        JsonValue v = o.get(key);
        if (v instanceof JsonArray array) {
            array.forEach(x -> out.add(((JsonString) x).getString()));
        }
        return out;
    }
}
