package io.github.cometlyexport.adapter.http;

import io.github.cometlyexport.domain.internal.Redaction;
import io.github.cometlyexport.port.driven.ExportApiException;
import io.github.cometlyexport.port.driven.ExportRateLimitException;
import io.github.cometlyexport.port.driven.ExportTransportException;
import io.github.cometlyexport.port.driven.RecordApiRequestsPort;
import io.github.cometlyexport.port.driven.RequestBudget;
import io.github.cometlyexport.port.driven.SpaceBudgets;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one API request inside a Space's budget: acquires a permit, adds the credentials, reads the answer whole,
 * settles the permit, and tells the budget what the server said about it (a 429 pauses every user of the budget for
 * {@code Retry-After}, capped; {@code X-RateLimit-Remaining} is reported). I/O failures become
 * {@link ExportTransportException}s that say whether the request provably never left (a refused or timed-out
 * connect) and whether a create may have happened. Thread-safe.
 */
final class ApiTransport {
    private static final Logger LOG = LoggerFactory.getLogger(ApiTransport.class);
    private static final int MAX_BODY = 1 << 20;

    private final CloseableHttpClient http;
    private final CometlyHttpConfig config;
    private final Clock clock;
    private final String authorization;
    private final RecordApiRequestsPort requests;

    ApiTransport(CloseableHttpClient http, CometlyHttpConfig config, Clock clock, RecordApiRequestsPort requests) {
        this.requests = Objects.requireNonNull(requests, "requests");
        this.http = Objects.requireNonNull(http, "http");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.authorization = "Bearer " + config.apiKey().reveal();
    }

    /**
     * @param request  the request, without credentials
     * @param budgets  the Space's budgets: creates go in its create budget, the rest in its status budget
     * @param context  {@code METHOD /path}, for messages
     * @param isCreate whether this is a create (a retry after an ambiguous failure could make a second job)
     * @return the answer, any status but 429
     * @throws ExportRateLimitException on a 429 (after pausing the budget)
     * @throws ExportTransportException on an I/O failure
     * @throws ExportApiException when the Space's key was refused earlier, without sending
     */
    ApiReply send(ClassicHttpRequest request, SpaceBudgets budgets, String context, boolean isCreate) {
        request.setHeader(HttpHeaders.AUTHORIZATION, authorization);
        request.setHeader(HttpHeaders.ACCEPT, "application/json");
        RequestBudget budget = isCreate ? budgets.create() : budgets.status();
        // A path template: the id never becomes a metric's tag.
        String endpoint = context.replaceFirst("/[0-9]+$", "/{id}");
        Instant queued = clock.instant();
        RequestBudget.Permit permit = budget.acquire();
        Instant sent = clock.instant();
        requests.waitedForBudget(isCreate ? "create" : "status", Duration.between(queued, sent));
        ApiReply reply;
        try {
            reply = exchange(request, context, isCreate);
        } catch (RuntimeException e) {
            requests.answered(endpoint, 0, Duration.between(sent, clock.instant()));
            afterAnswer(context, "count the failed request", permit::settle);
            throw e;
        }
        requests.answered(endpoint, reply.status(), Duration.between(sent, clock.instant()));
        if (reply.status() == 401 || reply.status() == 403) {
            // Before the permit settles, so that no request waiting behind this one goes out with the key.
            budgets.refuse(new ExportApiException(reply.status(), "the key was refused", Map.of(), context));
        }
        if (reply.status() == 429) {
            Duration asked = reply.limits().retryAfter() != null ? reply.limits().retryAfter()
                    : budget.limit().window();
            Duration wait = asked.compareTo(config.maxRetryAfter()) > 0 ? config.maxRetryAfter() : asked;
            // Paused and settled in one step: a waiter woken by the settle finds the pause in place.
            afterAnswer(context, "pause for the 429", () -> permit.settleRateLimited(wait));
            LOG.info("{} was rate limited; pausing {} s", context, wait.toSeconds());
            throw new ExportRateLimitException(context, wait);
        }
        if (reply.limits().remaining() != null) {
            // Before the permit settles too: a probe's answer caps the burst before anyone may send it.
            afterAnswer(context, "note X-RateLimit-Remaining", () -> budget.observeRemaining(
                    reply.limits().remaining(), reply.limits().reset()));
        }
        afterAnswer(context, "count the answer", permit::settle);
        return reply;
    }

    /**
     * The budget's bookkeeping once the server answered: it never replaces the answer (a created job's id above
     * all, which a rerun would otherwise create again). A budget that cannot note the answer errs on the safe
     * side by itself (an unsettled request counts from its grant and, as a probe, holds the others back).
     */
    private void afterAnswer(String context, String what, Runnable bookkeeping) {
        try {
            bookkeeping.run();
        } catch (RuntimeException e) {
            LOG.warn("{} was answered, but the budget could not {}: {}", context, what, describe(e));
        }
    }

    private ApiReply exchange(ClassicHttpRequest request, String context, boolean isCreate) {
        try {
            return http.execute(request, response -> new ApiReply(response.getCode(),
                    response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), MAX_BODY),
                    response.getEntity() == null ? null : response.getEntity().getContentType(),
                    RateLimitHeaders.of(response, clock), clock.instant()));
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

    /** @return a failure's message with the key and any URL query removed */
    String describe(Throwable e) {
        return Redaction.scrub(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                config.apiKey().reveal());
    }
}
