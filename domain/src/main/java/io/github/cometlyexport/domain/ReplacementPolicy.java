package io.github.cometlyexport.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@code failed} job is replaced: a failed job is final, so the remedy is a new job with the same request,
 * up to {@code maxAttempts} jobs in all, after a pause.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxAttempts how many jobs may be created for one request in all, at least 1; default 3
 * @param pause       how long to wait before creating a replacement; default 10 s (a failure is often a
 *                    transient problem on Cometly's side; the create budget is 5 per minute)
 */
public record ReplacementPolicy(int maxAttempts, Duration pause) {

    /**
     * Checks the count and the pause.
     *
     * @param maxAttempts how many jobs may be created for one request in all; at least 1
     * @param pause       how long to wait before creating a replacement; not null, not negative
     * @throws IllegalArgumentException if {@code maxAttempts} is below 1 or {@code pause} is negative
     */
    public ReplacementPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(pause, "pause");
        if (pause.isNegative()) {
            throw new IllegalArgumentException("pause must not be negative, was " + pause);
        }
    }

    /** @return 3 attempts, 10 s apart */
    public static ReplacementPolicy defaults() {
        return new ReplacementPolicy(3, Duration.ofSeconds(10));
    }

    /**
     * @param attemptsMade jobs already created for the request, all failed
     * @return whether one more job may be created
     */
    public boolean mayReplace(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }
}
