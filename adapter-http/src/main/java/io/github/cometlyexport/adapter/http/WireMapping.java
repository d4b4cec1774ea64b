package io.github.cometlyexport.adapter.http;

import io.github.cometlyexport.domain.DownloadUrl;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.internal.Redaction;
import io.github.cometlyexport.port.driven.ExportApiException;
import io.github.cometlyexport.port.driven.ExportProtocolException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The export API's JSON, both ways: the create body (from {@link ExportRequest#wireFields()}), answers bound with
 * JSON-B into {@link WireDtos} and checked into the domain's types, and error bodies turned into
 * {@link ExportApiException}s. Missing required keys, unknown statuses and malformed values fail with a message that
 * names them, never echoing a body that may hold a presigned link. Thread-safe.
 */
final class WireMapping {
    private static final int MAX_TEXT_MESSAGE = 300;

    private final Jsonb jsonb;
    private final String secret;

    /**
     * @param jsonb  binds the answers
     * @param secret the API key, removed from any server text that is passed on
     */
    WireMapping(Jsonb jsonb, String secret) {
        this.jsonb = Objects.requireNonNull(jsonb, "jsonb");
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    /** @return the create endpoint's body for {@code request} */
    static String createBody(ExportRequest request) {
        return Json.createObjectBuilder(request.wireFields()).build().toString();
    }

    /** @return the export id a create answered */
    ExportJobId created(ApiReply reply, String context) {
        WireDtos.CreateReply created = parse(reply, WireDtos.CreateReply.class, context);
        if (created.exportId == null || created.exportId <= 0) {
            throw new ExportProtocolException(context + " answered " + reply.status() + " without a valid export_id",
                    null);
        }
        return new ExportJobId(created.exportId);
    }

    /** @return the job a status request answered */
    ExportJob job(ApiReply reply, ExportJobId id, String context) {
        WireDtos.StatusReply r = parse(reply, WireDtos.StatusReply.class, context);
        List<String> missing = new ArrayList<>();
        require(r.exportId, "export_id", missing);
        require(r.status, "status", missing);
        require(r.createdAt, "created_at", missing);
        if ("completed".equals(r.status)) {
            require(r.downloadUrl, "download_url", missing);
            require(r.completedAt, "completed_at", missing);
        }
        if (!missing.isEmpty()) {
            throw new ExportProtocolException(context + " answered without the required " + String.join(", ", missing),
                    null);
        }
        if (r.exportId != id.value()) {
            throw new ExportProtocolException(context + " answered about export " + r.exportId, null);
        }
        ExportJob.Kind kind = ExportJob.Kind.fromWireName(r.status).orElseThrow(() -> new ExportProtocolException(
                context + " answered the unknown status '" + r.status + "' (documented: queued, processing, "
                        + "completed, failed)", null));
        Instant created = instant(r.createdAt, "created_at", context);
        return switch (kind) {
            case QUEUED -> new ExportJob.Queued(id, created, r.message);
            case PROCESSING -> new ExportJob.Processing(id, created, r.message);
            case FAILED -> new ExportJob.Failed(id, created, r.message);
            case COMPLETED -> new ExportJob.Completed(id, created, instant(r.completedAt, "completed_at", context),
                    DownloadUrl.of(link(r.downloadUrl, context), r.expiresAt == null ? null
                            : instant(r.expiresAt, "expires_at", context), reply.receivedAt()));
        };
    }

    /**
     * @return the failure an unsuccessful answer stands for: the server's {@code message} and field {@code errors}
     *         when the body is the documented JSON, else its text, shortened; the key is never passed on
     */
    ExportApiException failure(ApiReply reply, String context) {
        String message = reply.body();
        Map<String, List<String>> errors = new LinkedHashMap<>();
        try (JsonReader reader = Json.createReader(new StringReader(reply.body()))) {
            JsonObject object = reader.readObject();
            message = object.getString("message", "");
            if (object.get("errors") instanceof JsonObject fields) {
                fields.forEach((field, value) -> errors.put(field, texts(value)));
            }
        } catch (JsonException | ClassCastException | IllegalStateException notJson) {
            // Any other shape is treated as text, shortened.
            message = message.length() > MAX_TEXT_MESSAGE ? message.substring(0, MAX_TEXT_MESSAGE) + "…" : message;
        }
        return new ExportApiException(reply.status(), Redaction.scrub(message.strip(), secret), errors, context);
    }

    private static List<String> texts(JsonValue value) {
        List<String> texts = new ArrayList<>();
        if (value instanceof JsonArray array) {
            array.forEach(v -> texts.add(v instanceof JsonString s ? s.getString() : v.toString()));
        } else {
            texts.add(value.toString());
        }
        return texts;
    }

    private <T> T parse(ApiReply reply, Class<T> type, String context) {
        try {
            T value = jsonb.fromJson(reply.body(), type);
            if (value == null) {
                throw new ExportProtocolException(context + " answered HTTP " + reply.status()
                        + " with an empty body", null);
            }
            return value;
        } catch (JsonbException e) {
            // The body may hold a presigned link: describe it, never echo it.
            throw new ExportProtocolException(context + " answered HTTP " + reply.status() + " with "
                    + reply.body().length() + " characters that are not the expected JSON object (content type "
                    + reply.contentType() + ")", null);
        }
    }

    private static void require(Object value, String name, List<String> missing) {
        if (value == null) {
            missing.add(name);
        }
    }

    private static URI link(String text, String context) {
        try {
            URI uri = new URI(text);
            if (!uri.isAbsolute() || uri.getHost() == null) {
                throw new URISyntaxException("(redacted)", "not an absolute URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ExportProtocolException(context + " answered a download_url that is not an absolute URL", null);
        }
    }

    private static Instant instant(String text, String field, String context) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new ExportProtocolException(context + " answered " + field + " '" + text
                    + "', which is not an ISO 8601 instant", e);
        }
    }
}
