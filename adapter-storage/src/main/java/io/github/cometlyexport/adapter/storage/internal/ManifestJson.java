package io.github.cometlyexport.adapter.storage.internal;

import io.github.cometlyexport.domain.Dataset;
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
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A manifest as one line of JSON (JSON-P), the commit mark of a stored export:
 * {@code {"format":2,"dataset":"events","date":…,"export_id":…,"filters":{…},"bytes":…,"sha256":…,"events":…,
 * "created_at":…,"completed_at":…,"stored_at":…,"source_etag":…,"attempts":…,"provisional":false}}, plus
 * {@code stored_etag} where the store has one (S3: the stored object's ETag, which changes with any rewrite), and
 * {@code source_bytes}/{@code source_sha256} (the downloaded gzip) where the stored bytes were made from it
 * (decompressed NDJSON, Parquet): then {@code bytes}/{@code sha256} describe the stored file and {@code events} its
 * rows.
 * The filters use the API's field names.
 */
public final class ManifestJson {
    private static final int FORMAT = 2;

    /**
     * A manifest as read back.
     *
     * @param manifest   the verified facts
     * @param storedEtag the stored object's ETag when the store recorded one, else {@code null}
     */
    public record Decoded(ExportManifest manifest, String storedEtag) {
    }

    private ManifestJson() {
    }

    /**
     * @param m          a manifest
     * @param storedEtag the stored object's ETag, or {@code null}
     * @return its JSON: one line ending with a newline, UTF-8
     */
    public static byte[] encode(ExportManifest m, String storedEtag) {
        JsonObjectBuilder o = Json.createObjectBuilder().add("format", FORMAT)
                .add("dataset", m.exportId().dataset().wireName());
        if (m.date() != null) {
            o.add("date", m.date().toString());
        }
        o.add("export_id", m.exportId().value());
        if (m.request() != null) {
            o.add("filters", Json.createObjectBuilder(m.request().filters()));
        }
        o.add("bytes", m.bytes()).add("sha256", m.sha256()).add("events", m.events())
                .add("created_at", m.createdAt().toString()).add("completed_at", m.completedAt().toString())
                .add("stored_at", m.storedAt().toString());
        if (m.sourceEtag() != null) {
            o.add("source_etag", m.sourceEtag());
        }
        if (storedEtag != null) {
            o.add("stored_etag", storedEtag);
        }
        if (m.source() != null) {
            o.add("source_bytes", m.source().bytes()).add("source_sha256", m.source().sha256());
        }
        o.add("attempts", m.attempts()).add("provisional", m.provisional());
        return (o.build() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param json a manifest's bytes
     * @return the manifest, or empty when the bytes are not a complete, valid manifest (a store treats such a file
     *         as not stored)
     */
    public static Optional<Decoded> decode(byte[] json) {
        try (JsonReader reader = Json.createReader(new InputStreamReader(new ByteArrayInputStream(json),
                StandardCharsets.UTF_8))) {
            JsonObject o = reader.readObject();
            if (o.getInt("format", 0) != FORMAT) {
                return Optional.empty();
            }
            LocalDate date = o.containsKey("date") ? LocalDate.parse(o.getString("date")) : null;
            Dataset dataset = Dataset.fromName(o.getString("dataset")).orElseThrow(IllegalArgumentException::new);
            ExportRequest request = o.containsKey("filters") && date != null
                    ? request(dataset, date, o.getJsonObject("filters")) : null;
            return Optional.of(new Decoded(new ExportManifest(new ExportJobId(o.getJsonNumber("export_id")
                    .longValueExact(), dataset), date, request, o.getJsonNumber("bytes").longValueExact(),
                    o.getString("sha256"), o.getJsonNumber("events").longValueExact(),
                    Instant.parse(o.getString("created_at")), Instant.parse(o.getString("completed_at")),
                    Instant.parse(o.getString("stored_at")), o.getString("source_etag", null), o.getInt("attempts"),
                    o.getBoolean("provisional", false), source(o)), o.getString("stored_etag", null)));
        } catch (JsonException | ClassCastException | NullPointerException | ArithmeticException
                 | IllegalArgumentException | DateTimeException e) {
            return Optional.empty();
        }
    }

    private static ExportManifest.SourceFile source(JsonObject o) {
        return o.containsKey("source_sha256") ? new ExportManifest.SourceFile(o.getJsonNumber("source_bytes")
                .longValueExact(), o.getString("source_sha256")) : null;
    }

    private static ExportRequest request(Dataset dataset, LocalDate date, JsonObject o) {
        return ExportRequest.builder().dataset(dataset).date(date).queryMode(o.getString("query_mode", null))
                .includeCometTokens(o.getInt("include_comet_tokens", 0) == 1)
                .includeAllEmails(o.getInt("include_all_emails", 0) == 1)
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
