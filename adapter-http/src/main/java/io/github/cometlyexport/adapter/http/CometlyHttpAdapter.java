package io.github.cometlyexport.adapter.http;

import io.github.cometlyexport.domain.DownloadUrl;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.port.out.CreateExportJobPort;
import io.github.cometlyexport.port.out.ExportApiException;
import io.github.cometlyexport.port.out.ExportException;
import io.github.cometlyexport.port.out.ExportProtocolException;
import io.github.cometlyexport.port.out.ExportRateLimitException;
import io.github.cometlyexport.port.out.ExportTransportException;
import io.github.cometlyexport.port.out.FetchExportJobPort;
import io.github.cometlyexport.port.out.Sleeper;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cometly's export API over HTTP: creates jobs and reads their status.
 *
 * <p>Every request carries {@code Authorization: Bearer <key>}, {@code Accept: application/json} and a
 * {@code User-Agent} naming this library, and goes only to the configured base URL's host; redirects are not
 * followed, so the key cannot leak to another host. Requests are paced by the Space's shared {@link RateBudget}s
 * (status and create); a 429 pauses every user of the budget for {@code Retry-After} (capped), and a response that
 * reports {@code X-RateLimit-Remaining: 0} pauses them until the next window instead of spending a request on a 429.
 *
 * <p>Status requests are retried (Resilience4j {@link Retry}) on 429, 5xx and I/O errors with exponential backoff and
 * full jitter, up to {@code maxAttempts}. Creates have no idempotency key, so they are retried only after a 429 or
 * when the request provably never reached the server (a refused or timed-out connect); any other failure of a create
 * is reported as {@link ExportTransportException#mayHaveCreatedJob()} and not retried. Thread-safe.
 */
public final class CometlyHttpAdapter implements CreateExportJobPort, FetchExportJobPort, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CometlyHttpAdapter.class);
    private static final int MAX_BODY = 1 << 20;

    private final CloseableHttpClient http;
    private final boolean ownsClient;
    private final CometlyHttpConfig config;
    private final Jsonb jsonb;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RateBudget statusBudget;
    private final RateBudget createBudget;
    private final Retry statusRetry;
    private final Retry createRetry;
    private final String authorization;

    /**
     * @param http    a client that follows no redirects (see {@link #create(CometlyHttpConfig)}); the caller closes it
     * @param config  where and how to call
     * @param jsonb   JSON-B for the wire shapes
     * @param clock   the time source for link expiry and pauses
     * @param sleeper waits out shared rate-limit pauses
     */
    public CometlyHttpAdapter(CloseableHttpClient http, CometlyHttpConfig config, Jsonb jsonb, Clock clock,
                              Sleeper sleeper) {
        this(http, false, config, jsonb, clock, sleeper);
    }

    private CometlyHttpAdapter(CloseableHttpClient http, boolean ownsClient, CometlyHttpConfig config, Jsonb jsonb,
                               Clock clock, Sleeper sleeper) {
        this.http = Objects.requireNonNull(http, "http");
        this.ownsClient = ownsClient;
        this.config = Objects.requireNonNull(config, "config");
        this.jsonb = Objects.requireNonNull(jsonb, "jsonb");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        String fingerprint = config.apiKey().fingerprint();
        this.statusBudget = RateBudget.of(fingerprint, "status", config.statusPerWindow(), config.rateWindow(), true);
        this.createBudget = RateBudget.of(fingerprint, "create", config.createsPerWindow(), config.rateWindow(),
                false);
        this.statusRetry = Retry.of("cometly-status", retryConfig(e -> e instanceof ExportException x
                && x.retryable()));
        this.createRetry = Retry.of("cometly-create", retryConfig(e -> e instanceof ExportRateLimitException
                || e instanceof ExportTransportException t && t.retryable()));
        this.authorization = "Bearer " + config.apiKey().reveal();
    }

    /**
     * An adapter with its own pooled client, closed by {@link #close()}.
     *
     * @param config where and how to call
     * @return the adapter
     */
    public static CometlyHttpAdapter create(CometlyHttpConfig config) {
        CloseableHttpClient client = HttpClients5.create(config.connectTimeout(), config.responseTimeout(),
                config.maxConnections(), HttpClients5.userAgent());
        return new CometlyHttpAdapter(client, true, config, JsonbBuilder.create(new JsonbConfig()),
                Clock.systemUTC(), Sleeper.system());
    }

    private RetryConfig retryConfig(java.util.function.Predicate<Throwable> retryable) {
        return RetryConfig.custom()
                .maxAttempts(config.maxAttempts())
                .retryOnException(retryable)
                .intervalBiFunction((attempt, outcome) -> backoffMillis(attempt))
                .failAfterMaxAttempts(false)
                .build();
    }

    /** Exponential backoff with full jitter; a rate-limit pause is waited out separately, in the budget. */
    private long backoffMillis(int attempt) {
        long ceiling = Math.min(config.maxBackoff().toMillis(),
                config.initialBackoff().toMillis() << Math.min(20, Math.max(0, attempt - 1)));
        return ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    }

    @Override
    public ExportJobId create(ExportRequest request) {
        String body = jsonb.toJson(toWire(request));
        return createRetry.executeSupplier(() -> createOnce(body));
    }

    @Override
    public ExportJob fetch(ExportJobId id) {
        return statusRetry.executeSupplier(() -> fetchOnce(id));
    }

    /** Closes the HTTP client if this adapter created it. */
    @Override
    public void close() {
        if (ownsClient) {
            try {
                http.close();
            } catch (IOException e) {
                LOG.debug("closing the API client failed: {}", e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return "CometlyHttpAdapter[" + config + "]";
    }

    // --------------------------------------------------------------------------------------------- requests

    private ExportJobId createOnce(String body) {
        String context = "POST /events/exports";
        HttpPost post = new HttpPost(endpoint("/events/exports"));
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        Reply reply = send(post, createBudget, context, true);
        if (reply.status / 100 != 2) {
            throw failure(reply, createBudget, context);
        }
        WireDtos.CreateReply created = parse(reply, WireDtos.CreateReply.class, context);
        if (created.exportId == null || created.exportId <= 0) {
            throw new ExportProtocolException(context + " answered " + reply.status + " without a valid export_id",
                    null);
        }
        LOG.debug("created export {} ({})", created.exportId, created.status);
        return new ExportJobId(created.exportId);
    }

    private ExportJob fetchOnce(ExportJobId id) {
        String context = "GET /events/exports/" + id;
        Reply reply = send(new HttpGet(endpoint("/events/exports/" + id.value())), statusBudget, context, false);
        if (reply.status != 200) {
            throw failure(reply, statusBudget, context);
        }
        return toJob(parse(reply, WireDtos.StatusReply.class, context), id, reply.receivedAt, context);
    }

    private URI endpoint(String path) {
        String base = config.baseUrl().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    private record Reply(int status, String body, String contentType, Duration retryAfter, Integer remaining,
                         Duration reset, Instant receivedAt) {
    }

    private Reply send(ClassicHttpRequest request, RateBudget budget, String context, boolean isCreate) {
        RateBudget.Ticket ticket = budget.acquire(clock, sleeper);
        request.setHeader(HttpHeaders.AUTHORIZATION, authorization);
        request.setHeader(HttpHeaders.ACCEPT, "application/json");
        try {
            return exchange(request, budget, context, isCreate);
        } finally {
            budget.settle(ticket, clock.instant());
        }
    }

    private Reply exchange(ClassicHttpRequest request, RateBudget budget, String context, boolean isCreate) {
        try {
            Reply reply = http.execute(request, response -> {
                String text = response.getEntity() == null ? ""
                        : EntityUtils.toString(response.getEntity(), MAX_BODY);
                return new Reply(response.getCode(), text,
                        response.getEntity() == null ? null : response.getEntity().getContentType(),
                        retryAfter(response.getFirstHeader("Retry-After")),
                        integer(response.getFirstHeader("X-RateLimit-Remaining")),
                        reset(response.getFirstHeader("X-RateLimit-Reset")), clock.instant());
            });
            if (reply.remaining != null && reply.remaining <= 0 && reply.status != 429) {
                // No budget left: if another process spent it, wait for the next window rather than earn a 429.
                budget.exhausted(reply.receivedAt, reply.reset != null ? reply.reset : budget.window());
            }
            return reply;
        } catch (InterruptedIOException e) {
            if (isConnectFailure(e)) {
                throw new ExportTransportException(context + " could not connect to " + config.baseUrl().getHost()
                        + ": " + describe(e), e, false);
            }
            throw new ExportTransportException(context + " timed out waiting for an answer: " + describe(e), e,
                    isCreate);
        } catch (IOException e) {
            boolean neverSent = isConnectFailure(e);
            throw new ExportTransportException(context + (neverSent ? " could not connect to "
                    + config.baseUrl().getHost() : " failed in transit" + (isCreate
                    ? " (a job may have been created; not retried, to avoid a duplicate)" : "")) + ": "
                    + describe(e), e, isCreate && !neverSent);
        }
    }

    private static boolean isConnectFailure(IOException e) {
        return e instanceof ConnectException || e instanceof ConnectTimeoutException
                || e instanceof UnknownHostException || e instanceof NoRouteToHostException
                || e instanceof SSLHandshakeException;
    }

    private String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return Redaction.scrub(message, config.apiKey().reveal());
    }

    private ExportException failure(Reply reply, RateBudget budget, String context) {
        if (reply.status == 429) {
            Duration wait = reply.retryAfter != null ? reply.retryAfter : budget.window();
            if (wait.compareTo(config.maxRetryAfter()) > 0) {
                wait = config.maxRetryAfter();
            }
            budget.pause(reply.receivedAt, wait);
            LOG.info("{} was rate limited; pausing {}s", context, wait.toSeconds());
            return new ExportRateLimitException(context, wait);
        }
        String message = reply.body;
        Map<String, List<String>> errors = new LinkedHashMap<>();
        try (JsonReader reader = Json.createReader(new StringReader(reply.body))) {
            JsonObject object = reader.readObject();
            message = object.getString("message", "");
            JsonValue fieldErrors = object.get("errors");
            if (fieldErrors instanceof JsonObject fields) {
                for (var entry : fields.entrySet()) {
                    List<String> texts = new ArrayList<>();
                    if (entry.getValue() instanceof JsonArray array) {
                        array.forEach(v -> texts.add(v.getValueType() == JsonValue.ValueType.STRING
                                ? ((jakarta.json.JsonString) v).getString() : v.toString()));
                    } else {
                        texts.add(entry.getValue().toString());
                    }
                    errors.put(entry.getKey(), texts);
                }
            }
        } catch (RuntimeException notJson) {
            // Any other shape is treated as text, shortened.
            message = message.length() > 300 ? message.substring(0, 300) + "…" : message;
        }
        return new ExportApiException(reply.status, Redaction.scrub(message.strip(), config.apiKey().reveal()), errors,
                context);
    }

    private <T> T parse(Reply reply, Class<T> type, String context) {
        try {
            T value = jsonb.fromJson(reply.body, type);
            if (value == null) {
                throw new ExportProtocolException(context + " answered HTTP " + reply.status + " with an empty body",
                        null);
            }
            return value;
        } catch (JsonbException e) {
            // The body may hold a presigned link: describe it, never echo it.
            throw new ExportProtocolException(context + " answered HTTP " + reply.status + " with " + reply.body.length()
                    + " characters that are not the expected JSON object (content type " + reply.contentType + ")",
                    null);
        }
    }

    private ExportJob toJob(WireDtos.StatusReply r, ExportJobId id, Instant receivedAt, String context) {
        List<String> missing = new ArrayList<>();
        if (r.exportId == null) {
            missing.add("export_id");
        }
        if (r.status == null) {
            missing.add("status");
        }
        if (r.createdAt == null) {
            missing.add("created_at");
        }
        if ("completed".equals(r.status)) {
            if (r.downloadUrl == null) {
                missing.add("download_url");
            }
            if (r.completedAt == null) {
                missing.add("completed_at");
            }
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
                            : instant(r.expiresAt, "expires_at", context), receivedAt));
        };
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

    private static WireDtos.CreateBody toWire(ExportRequest request) {
        WireDtos.CreateBody body = new WireDtos.CreateBody();
        body.date = request.dateText();
        body.queryMode = request.queryMode().wireName();
        body.eventNames = request.eventNames().isEmpty() ? null : request.eventNames();
        body.sources = request.sources().isEmpty() ? null : request.sources();
        body.attributionModel = request.attributionModel() == null ? null : request.attributionModel().wireName();
        body.attributionWindow = request.attributionWindow();
        body.fields = request.fields().isEmpty() ? null : request.fields();
        return body;
    }

    private Duration retryAfter(Header header) {
        if (header == null) {
            return null;
        }
        String v = header.getValue().trim();
        if (v.matches("[0-9]{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Instant at = java.time.ZonedDateTime.parse(v, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration d = Duration.between(clock.instant(), at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code X-RateLimit-Reset}: seconds to wait, or an epoch second. */
    private Duration reset(Header header) {
        Integer v = integer(header);
        if (v == null || v < 0) {
            return null;
        }
        if (v > 1_000_000_000) {
            Duration d = Duration.between(clock.instant(), Instant.ofEpochSecond(v));
            return d.isNegative() ? Duration.ZERO : d;
        }
        return Duration.ofSeconds(v);
    }

    private static Integer integer(Header header) {
        if (header == null) {
            return null;
        }
        try {
            return Integer.valueOf(header.getValue().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
