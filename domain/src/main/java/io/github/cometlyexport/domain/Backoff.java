package io.github.cometlyexport.domain;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff: the wait after the {@code n}-th try grows as {@code initial × multiplier^(n-1)}, capped at
 * {@code max}. The one backoff rule of the project: polls, download resumes and API retries all use it.
 *
 * <p>Pure, immutable and thread-safe.
 *
 * @param initial    the first wait's ceiling, positive
 * @param multiplier growth per try, at least 1
 * @param max        the cap
 */
public record Backoff(Duration initial, double multiplier, Duration max) {

    /**
     * Checks the durations and the multiplier.
     *
     * @param initial    the first wait's ceiling; positive
     * @param multiplier growth per try; at least 1 and finite
     * @param max        the cap on every wait; positive
     * @throws IllegalArgumentException on a non-positive duration, a multiplier below 1 or a cap below initial
     */
    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.isNegative() || max.isZero()) {
            throw new IllegalArgumentException("backoff durations must be positive, were " + initial + " and " + max);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
        }
    }

    /**
     * @param tries tries so far, at least 1 (smaller counts as 1)
     * @return {@code min(max, initial × multiplier^(tries-1))}
     */
    public Duration ceiling(int tries) {
        double nanos = initial.toNanos() * Math.pow(multiplier, Math.max(0, tries - 1));
        if (Double.isInfinite(nanos) || nanos >= max.toNanos()) {
            return max;
        }
        return Duration.ofNanos((long) nanos);
    }

    /**
     * Full jitter: a uniform draw between zero and the ceiling, so that many clients backing off together spread
     * out instead of retrying in step.
     *
     * @param tries  tries so far, at least 1
     * @param random the source of jitter
     * @return a wait in {@code [0, ceiling(tries))}
     */
    public Duration fullJitter(int tries, RandomGenerator random) {
        return Duration.ofNanos((long) (random.nextDouble() * ceiling(tries).toNanos()));
    }
}
