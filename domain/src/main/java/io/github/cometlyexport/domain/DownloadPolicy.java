package io.github.cometlyexport.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How a download copes with dying links and broken connections.
 *
 * <p>Immutable and thread-safe.
 *
 * @param linkSafetyMargin   a link within this margin of its expiry counts as dead and is renewed before use;
 *                           default 30 s (covers clock skew and request latency)
 * @param maxFailuresInARow  how many interrupted transfers in a row, with no byte gained between them, end the
 *                           download; default 5
 * @param retryPause         pause before reopening an interrupted transfer, doubled after each failure in a row;
 *                           default 1 s
 * @param maxRestarts        how many times the download may start over from byte zero because the object changed
 *                           under a resume; default 2
 */
public record DownloadPolicy(Duration linkSafetyMargin, int maxFailuresInARow, Duration retryPause, int maxRestarts) {
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    /**
     * Checks the counts and durations.
     *
     * @param linkSafetyMargin  how close to its expiry a link counts as dead; not negative
     * @param maxFailuresInARow interrupted transfers in a row, with no byte gained, that end the download; at least 1
     * @param retryPause        the first pause before reopening an interrupted transfer; not negative
     * @param maxRestarts       how many times the download may start over from byte zero; not negative
     * @throws IllegalArgumentException if a count is negative or a duration negative
     */
    public DownloadPolicy {
        Objects.requireNonNull(linkSafetyMargin, "linkSafetyMargin");
        Objects.requireNonNull(retryPause, "retryPause");
        if (linkSafetyMargin.isNegative() || retryPause.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (maxFailuresInARow < 1 || maxRestarts < 0) {
            throw new IllegalArgumentException("maxFailuresInARow must be at least 1 and maxRestarts at least 0");
        }
    }

    /** @return the defaults described on each component */
    public static DownloadPolicy defaults() {
        return new DownloadPolicy(Duration.ofSeconds(30), 5, Duration.ofSeconds(1), 2);
    }

    /**
     * @param failuresInARow failures so far without progress, at least 1
     * @return the pause before the next try: {@code retryPause × 2^(failuresInARow-1)}, at most 30 s
     */
    public Duration pauseAfter(int failuresInARow) {
        if (retryPause.isZero()) {
            return Duration.ZERO;
        }
        return new Backoff(retryPause.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : retryPause, 2.0, MAX_PAUSE)
                .ceiling(failuresInARow);
    }
}
