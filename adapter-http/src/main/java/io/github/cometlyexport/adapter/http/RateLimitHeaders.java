package io.github.cometlyexport.adapter.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;

/**
 * What an API response says about the Space's budget: {@code Retry-After} (seconds or an HTTP date),
 * {@code X-RateLimit-Remaining}, and {@code X-RateLimit-Reset} (seconds to wait, or an epoch second; Cometly does
 * not document it, so it is used only when present). Unparseable values count as absent.
 *
 * @param retryAfter how long to wait after a 429, or {@code null}
 * @param remaining  requests left in the current window, or {@code null}
 * @param reset      until the window turns, or {@code null}
 */
record RateLimitHeaders(Duration retryAfter, Integer remaining, Duration reset) {

    /** Epoch seconds are told from "seconds to wait" by size: no window lasts 30 years. */
    private static final long EPOCH_SECONDS_FROM = 1_000_000_000L;

    static RateLimitHeaders of(HttpResponse response, Clock clock) {
        return new RateLimitHeaders(retryAfter(response.getFirstHeader("Retry-After"), clock.instant()),
                integer(response.getFirstHeader("X-RateLimit-Remaining")),
                reset(response.getFirstHeader("X-RateLimit-Reset"), clock.instant()));
    }

    private static Duration retryAfter(Header header, Instant now) {
        if (header == null) {
            return null;
        }
        String v = header.getValue().trim();
        if (v.matches("[0-9]{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            return untilOrZero(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration reset(Header header, Instant now) {
        Integer v = integer(header);
        if (v == null || v < 0) {
            return null;
        }
        return v > EPOCH_SECONDS_FROM ? untilOrZero(now, Instant.ofEpochSecond(v)) : Duration.ofSeconds(v);
    }

    private static Duration untilOrZero(Instant now, Instant at) {
        Duration d = Duration.between(now, at);
        return d.isNegative() ? Duration.ZERO : d;
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
