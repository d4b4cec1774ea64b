package io.github.cometlyexport.adapter.http;

import io.github.cometlyexport.domain.Backoff;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.port.driven.CreateExportJobPort;
import io.github.cometlyexport.port.driven.ExportException;
import io.github.cometlyexport.port.driven.ExportRateLimitException;
import io.github.cometlyexport.port.driven.ExportTransportException;
import io.github.cometlyexport.port.driven.FetchExportJobPort;
import io.github.cometlyexport.port.driven.RecordApiRequestsPort;
import io.github.cometlyexport.port.driven.Sleeper;
import io.github.cometlyexport.port.driven.SpaceBudgets;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cometly's export API over HTTP: creates jobs and reads their status.
 *
 * <p>Requests go through an {@link ApiTransport} (credentials, the Space's {@link SpaceBudgets}, rate-limit
 * headers) and are mapped by {@link WireMapping}. Every request carries {@code Authorization: Bearer <key>} and goes
 * only to the configured base URL's host; redirects are not followed, so the key cannot leak to another host.
 *
 * <p>Status requests are retried (Resilience4j {@link Retry}) on 429, 5xx and I/O errors with exponential backoff
 * and full jitter, up to {@code maxAttempts}. Creates have no idempotency key, so they are retried only after a 429
 * or when the request provably never reached the server (a refused or timed-out connect); any other failure of a
 * create is reported as {@link ExportTransportException#mayHaveCreatedJob()} and not retried. Thread-safe.
 */
public final class CometlyHttpAdapter implements CreateExportJobPort, FetchExportJobPort, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CometlyHttpAdapter.class);

    private final CloseableHttpClient http;
    private final boolean ownsClient;
    private final CometlyHttpConfig config;
    private final SpaceBudgets budgets;
    private final ApiTransport transport;
    private final WireMapping wire;
    private final Retry statusRetry;
    private final Retry createRetry;

    /**
     * @param http    a client that follows no redirects (see {@link #create}); the caller closes it
     * @param config  where and how to call
     * @param budgets the Space's request budgets, shared with every other adapter that uses the Space
     * @param jsonb   JSON-B for the answers
     * @param clock   the time source for link expiry and rate-limit dates
     */
    public CometlyHttpAdapter(CloseableHttpClient http, CometlyHttpConfig config, SpaceBudgets budgets, Jsonb jsonb,
                              Clock clock) {
        this(http, false, config, budgets, jsonb, clock, RecordApiRequestsPort.NONE);
    }

    /**
     * @param http     a client that follows no redirects (see {@link #create}); the caller closes it
     * @param config   where and how to call
     * @param budgets  the Space's request budgets, shared with every other adapter that uses the Space
     * @param jsonb    JSON-B for the answers
     * @param clock    the time source for link expiry, rate-limit dates and request timings
     * @param requests hears every request's endpoint, status, duration and wait for budget (metrics)
     */
    public CometlyHttpAdapter(CloseableHttpClient http, CometlyHttpConfig config, SpaceBudgets budgets, Jsonb jsonb,
                              Clock clock, RecordApiRequestsPort requests) {
        this(http, false, config, budgets, jsonb, clock, requests);
    }

    private CometlyHttpAdapter(CloseableHttpClient http, boolean ownsClient, CometlyHttpConfig config,
                               SpaceBudgets budgets, Jsonb jsonb, Clock clock, RecordApiRequestsPort requests) {
        this.http = Objects.requireNonNull(http, "http");
        this.ownsClient = ownsClient;
        this.config = Objects.requireNonNull(config, "config");
        this.budgets = Objects.requireNonNull(budgets, "budgets");
        this.transport = new ApiTransport(http, config, clock, requests);
        this.wire = new WireMapping(jsonb, config.apiKey().reveal());
        this.statusRetry = Retry.of("cometly-status", retryConfig(e -> e instanceof ExportException x
                && x.retryable()));
        this.createRetry = Retry.of("cometly-create", retryConfig(e -> e instanceof ExportRateLimitException
                || e instanceof ExportTransportException t && t.retryable()));
    }

    /**
     * An adapter with its own pooled client (closed by {@link #close()}), on the system clock.
     *
     * @param config  where and how to call
     * @param budgets the Space's request budgets; pass the same instance to every adapter of the Space
     * @return the adapter
     */
    public static CometlyHttpAdapter create(CometlyHttpConfig config, SpaceBudgets budgets) {
        return create(config, budgets, RecordApiRequestsPort.NONE);
    }

    /**
     * An adapter with its own pooled client (closed by {@link #close()}), on the system clock, that reports every
     * request (metrics).
     *
     * @param config   where and how to call
     * @param budgets  the Space's request budgets; pass the same instance to every adapter of the Space
     * @param requests hears every request
     * @return the adapter
     */
    public static CometlyHttpAdapter create(CometlyHttpConfig config, SpaceBudgets budgets,
                                            RecordApiRequestsPort requests) {
        CloseableHttpClient client = HttpClients5.create(config.connectTimeout(), config.responseTimeout(),
                config.maxConnections(), HttpClients5.userAgent());
        return new CometlyHttpAdapter(client, true, config, budgets, JsonbBuilder.create(), Clock.systemUTC(),
                Objects.requireNonNull(requests, "requests"));
    }

    /**
     * An adapter over a host's own client (the host keeps and closes it), on the system clock, that reports every
     * request. The client must follow no redirects and carry no credentials of its own: the key is added to each
     * request here, and never follows a redirect to another host.
     *
     * @param http     the host's client
     * @param config   where and how to call (its timeouts and pool size are the host client's business)
     * @param budgets  the Space's request budgets; pass the same instance to every adapter of the Space
     * @param requests hears every request
     * @return the adapter; closing it leaves the host's client open
     */
    public static CometlyHttpAdapter over(CloseableHttpClient http, CometlyHttpConfig config, SpaceBudgets budgets,
                                          RecordApiRequestsPort requests) {
        return new CometlyHttpAdapter(http, false, config, budgets, JsonbBuilder.create(), Clock.systemUTC(),
                Objects.requireNonNull(requests, "requests"));
    }

    /**
     * An adapter with its own pooled client and its own budgets at Cometly's documented limits: for a process with
     * one adapter per Space. Several adapters of one Space must share budgets instead ({@link #create(
     * CometlyHttpConfig, SpaceBudgets)}).
     *
     * @param config where and how to call
     * @return the adapter
     */
    public static CometlyHttpAdapter create(CometlyHttpConfig config) {
        return create(config, SpaceBudgets.cometlyLimits(Clock.systemUTC(), Sleeper.system()));
    }

    private RetryConfig retryConfig(Predicate<Throwable> retryable) {
        Backoff backoff = new Backoff(config.initialBackoff(), 2.0, config.maxBackoff());
        SplittableRandom random = new SplittableRandom();
        return RetryConfig.custom()
                .maxAttempts(config.maxAttempts())
                .retryOnException(retryable)
                .intervalBiFunction((attempt, outcome) -> {
                    synchronized (random) {
                        return backoff.fullJitter(attempt, random).toMillis();
                    }
                })
                .failAfterMaxAttempts(false)
                .build();
    }

    @Override
    public ExportJobId create(ExportRequest request) {
        String body = WireMapping.createBody(request);
        return createRetry.executeSupplier(() -> createOnce(request.dataset(), body));
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
                LOG.debug("closing the API client failed: {}", transport.describe(e));
            }
        }
    }

    @Override
    public String toString() {
        return "CometlyHttpAdapter[" + config + "]";
    }

    private ExportJobId createOnce(Dataset dataset, String body) {
        String path = "/" + dataset.wireName() + "/exports";
        String context = "POST " + path;
        HttpPost post = new HttpPost(endpoint(path));
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        ApiReply reply = transport.send(post, budgets, context, true);
        if (reply.status() / 100 != 2) {
            throw wire.failure(reply, context);
        }
        ExportJobId id = wire.created(reply, context).of(dataset);
        LOG.debug("created export {}", id);
        return id;
    }

    private ExportJob fetchOnce(ExportJobId id) {
        String path = "/" + id.dataset().wireName() + "/exports/" + id.value();
        String context = "GET " + path;
        ApiReply reply = transport.send(new HttpGet(endpoint(path)), budgets, context, false);
        if (reply.status() != 200) {
            throw wire.failure(reply, context);
        }
        return wire.job(reply, id, context);
    }

    private URI endpoint(String path) {
        String base = config.baseUrl().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }
}
