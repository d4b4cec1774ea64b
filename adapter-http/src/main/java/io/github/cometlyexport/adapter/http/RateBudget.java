package io.github.cometlyexport.adapter.http;

import io.github.cometlyexport.port.out.ExportInterruptedException;
import io.github.cometlyexport.port.out.Sleeper;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One Space's budget for one kind of request (status or create), shared by every adapter in the JVM that uses a
 * key of that Space: adapters find it by the key's fingerprint, never the key.
 *
 * <p>Pacing is a Resilience4j {@link RateLimiter} handing out one permit per {@code 1.1 × window / (limit - 1)}.
 * Evenly spaced permits at {@code window / (limit - 1)} can never put more than {@code limit} requests in any window,
 * whether Cometly counts in fixed or sliding windows (the documentation does not say), but only with zero slack; the
 * extra 10% absorbs the jitter between taking a permit and the request reaching the server. A limiter of
 * {@code limit} permits per window would allow twice the limit across a window boundary. The price is throughput:
 * about 26 status requests and 3.6 creates per minute at the documented limits. On top, a pause shared by all users of the budget holds every
 * request back after a 429 ({@code Retry-After}) or a response that reports no remaining budget (another process
 * of the Space spent it).
 */
final class RateBudget {
    private static final RateLimiterRegistry LIMITERS = RateLimiterRegistry.ofDefaults();
    private static final ConcurrentMap<String, RateBudget> BUDGETS = new ConcurrentHashMap<>();

    private final RateLimiter limiter;
    private final Duration window;
    private volatile Instant pausedUntil = Instant.MIN;

    private RateBudget(RateLimiter limiter, Duration window) {
        this.limiter = limiter;
        this.window = window;
    }

    /**
     * @param fingerprint the key's fingerprint (names the Space)
     * @param kind        {@code status} or {@code create}
     * @param limit       requests per window
     * @param window      the window
     * @return the JVM-wide budget for that Space, kind and setting
     */
    static RateBudget of(String fingerprint, String kind, int limit, Duration window) {
        String name = "cometly-" + kind + "-" + fingerprint + "-" + limit + "-per-" + window;
        return BUDGETS.computeIfAbsent(name, n -> {
            Duration spacing = (limit > 1 ? window.dividedBy(limit - 1) : window).multipliedBy(11).dividedBy(10);
            RateLimiterConfig config = RateLimiterConfig.custom()
                    .limitForPeriod(1)
                    .limitRefreshPeriod(spacing)
                    .timeoutDuration(Duration.ofDays(1))
                    .build();
            return new RateBudget(LIMITERS.rateLimiter(n, config), window);
        });
    }

    /** Blocks until a request may be sent: past any shared pause, then one paced permit. */
    void acquire(Clock clock, Sleeper sleeper) {
        Instant until = pausedUntil;
        Instant now = clock.instant();
        if (until.isAfter(now)) {
            try {
                sleeper.sleep(Duration.between(now, until));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExportInterruptedException("interrupted while waiting for rate budget", e);
            }
        }
        if (!limiter.acquirePermission()) {
            throw new ExportInterruptedException("interrupted while waiting for rate budget", null);
        }
    }

    /**
     * Holds every user of this budget back until {@code now + pause}, and drains the limiter's current permits.
     *
     * @param now   the current instant
     * @param pause how long
     */
    void pause(Instant now, Duration pause) {
        Instant until = now.plus(pause);
        synchronized (this) {
            if (until.isAfter(pausedUntil)) {
                pausedUntil = until;
            }
        }
        limiter.drainPermissions();
    }

    /** @return the window, for a pause when the server reports no remaining budget without saying until when */
    Duration window() {
        return window;
    }
}
