package io.github.cometlyexport.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/**
 * One kind of request's limit in a Space ({@code limit} requests per {@code window}) and the sliding-log rule that
 * keeps a client under it, whether the server counts in fixed or sliding windows (Cometly does not say which).
 *
 * <p>A request may go when fewer than {@code limit} requests were counted in the last {@link #guardedWindow()}
 * ({@code 1.05 × window}, the extra 5% for network delay and clock skew), and at least {@code spacing} after the
 * previous one. That lets a burst of {@code limit} go at once and then waits exactly as long as the window needs.
 * Token buckets (Resilience4j's {@code RateLimiter}, Bucket4j) were the first choice and are not used: one that
 * refreshes {@code limit} permits per fixed cycle lets twice the limit through across a cycle edge, and one that
 * spaces permits evenly at a sliding-safe pace gives up a quarter of the create budget.
 *
 * <p>Pure: {@link #waitBefore} reads time from its arguments. Immutable and thread-safe.
 *
 * @param limit   requests allowed per window, at least 1
 * @param window  the server's window, positive (Cometly: one minute)
 * @param spacing least time between two requests, zero or more: status requests use {@code window / limit} so that
 *                many polled jobs share the minute instead of spending it in one burst; creates use none
 */
public record RateLimit(int limit, Duration window, Duration spacing) {

    /**
     * Checks the limit, window and spacing.
     *
     * @param limit   requests allowed per window; at least 1
     * @param window  the server's window; positive
     * @param spacing least time between two requests; zero or more
     * @throws IllegalArgumentException if the limit is below 1, the window not positive or the spacing negative
     */
    public RateLimit {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(spacing, "spacing");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        if (spacing.isNegative()) {
            throw new IllegalArgumentException("spacing must not be negative, was " + spacing);
        }
    }

    /**
     * @param limit  requests per window
     * @param window the window
     * @return a limit whose requests are spaced {@code window / limit} apart (for polls)
     */
    public static RateLimit spaced(int limit, Duration window) {
        return new RateLimit(limit, window, window.dividedBy(limit));
    }

    /**
     * @param limit  requests per window
     * @param window the window
     * @return a limit that lets a full burst go at once (for creates)
     */
    public static RateLimit bursting(int limit, Duration window) {
        return new RateLimit(limit, window, Duration.ZERO);
    }

    /** @return the window a counted request stays in the log: {@code 1.05 × window} */
    public Duration guardedWindow() {
        return window.plus(window.dividedBy(20));
    }

    /**
     * @param counted when each request still possibly in the window was counted (older ones may be included)
     * @param last    when the latest request was granted, or {@code null} for none
     * @param now     the current instant
     * @return zero when a request may go now; otherwise how long to wait before asking again
     */
    public Duration waitBefore(Collection<Instant> counted, Instant last, Instant now) {
        if (last != null && last.plus(spacing).isAfter(now)) {
            return Duration.between(now, last.plus(spacing));
        }
        Duration guarded = guardedWindow();
        int inWindow = 0;
        Instant oldest = null;
        for (Instant at : counted) {
            if (at.plus(guarded).isAfter(now)) {
                inWindow++;
                oldest = oldest == null || at.isBefore(oldest) ? at : oldest;
            }
        }
        return inWindow < limit ? Duration.ZERO : Duration.between(now, oldest.plus(guarded));
    }

    @Override
    public String toString() {
        return limit + " per " + window;
    }
}
