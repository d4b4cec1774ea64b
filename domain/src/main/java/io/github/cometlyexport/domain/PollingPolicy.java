package io.github.cometlyexport.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to poll a job's status again, and when to stop waiting.
 *
 * <p>Delays grow exponentially ({@code initialDelay × multiplier^(polls-1)}, capped at {@code maxDelay}) with full
 * jitter (a uniform draw between zero and that ceiling), but never below {@code minDelay}, so that many jobs polled
 * together spread out instead of hitting the status rate limit in step. Three budgets end the wait: the overall
 * {@code timeout}, the time a job may stay {@code queued} (a job nobody picks up is a different failure from a
 * long build), and the time it may stay {@code processing}. A wait never overshoots the nearest budget, so the
 * last poll happens right at it.
 *
 * <p>Pure: {@link #decide} reads time and randomness from its arguments and never sleeps. Immutable and
 * thread-safe.
 *
 * @param initialDelay  ceiling of the first wait; default 2 s
 * @param multiplier    growth of the ceiling per poll, at least 1; default 2
 * @param maxDelay      cap of the ceiling; default 30 s (a job is noticed at most about that long after it
 *                      completes; raise it to save status budget on long jobs)
 * @param minDelay      floor of every wait; default 1 s (never hammer the 30/min status budget)
 * @param timeout       longest wait for one job, overall; default 2 h
 * @param maxQueued     longest a job may stay queued; default 1 h
 * @param maxProcessing longest a job may stay processing; default 2 h
 */
public record PollingPolicy(Duration initialDelay, double multiplier, Duration maxDelay, Duration minDelay,
                            Duration timeout, Duration maxQueued, Duration maxProcessing) {

    /**
     * Checks the durations and the multiplier.
     *
     * @param initialDelay  ceiling of the first wait; positive
     * @param multiplier    growth of the ceiling per poll; at least 1 and finite
     * @param maxDelay      cap of the ceiling; positive, not below {@code minDelay}
     * @param minDelay      floor of every wait; zero or more
     * @param timeout       longest wait for one job, overall; positive
     * @param maxQueued     longest a job may stay queued; positive
     * @param maxProcessing longest a job may stay processing; positive
     * @throws IllegalArgumentException if a duration is not positive (minDelay may be zero), the multiplier is
     *                                  below 1, or minDelay exceeds maxDelay
     */
    public PollingPolicy {
        positive("initialDelay", initialDelay);
        positive("maxDelay", maxDelay);
        positive("timeout", timeout);
        positive("maxQueued", maxQueued);
        positive("maxProcessing", maxProcessing);
        Objects.requireNonNull(minDelay, "minDelay");
        if (minDelay.isNegative()) {
            throw new IllegalArgumentException("minDelay must not be negative, was " + minDelay);
        }
        if (minDelay.compareTo(maxDelay) > 0) {
            throw new IllegalArgumentException("minDelay " + minDelay + " exceeds maxDelay " + maxDelay);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
        }
    }

    /** @return the defaults described on each component */
    public static PollingPolicy defaults() {
        return new PollingPolicy(Duration.ofSeconds(2), 2.0, Duration.ofSeconds(30), Duration.ofSeconds(1),
                Duration.ofHours(2), Duration.ofHours(1), Duration.ofHours(2));
    }

    /**
     * The deadline a user gives bounds the wait as a whole: queued and processing together. The separate queued
     * and processing budgets take its value, so that a longer timeout is not cut short by their defaults.
     *
     * @param newTimeout the overall deadline
     * @return this policy with another timeout, as the queued and processing budgets too
     */
    public PollingPolicy withTimeout(Duration newTimeout) {
        return new PollingPolicy(initialDelay, multiplier, maxDelay, minDelay, newTimeout, newTimeout, newTimeout);
    }

    /**
     * Decides what to do after the observation recorded last in {@code watch}.
     *
     * @param watch  what has been seen so far, including the latest observation
     * @param now    the current instant
     * @param random the source of jitter
     * @return ready when the job is terminal; give up when a budget is spent; otherwise how long to wait
     * @throws IllegalArgumentException if {@code watch} has no observation yet
     */
    public PollDecision decide(JobWatch watch, Instant now, RandomGenerator random) {
        ExportJob job = watch.last();
        if (job == null) {
            throw new IllegalArgumentException("decide needs at least one observation");
        }
        if (job.isTerminal()) {
            return new PollDecision.Ready(job);
        }
        Duration elapsed = watch.elapsed(now);
        if (elapsed.compareTo(timeout) >= 0) {
            return new PollDecision.GiveUp(PollDecision.Reason.TIMED_OUT,
                    "job " + job.id() + " still " + job.kind().wireName() + " after " + human(elapsed)
                            + " (timeout " + human(timeout) + ")");
        }
        Duration budgetLeft = timeout.minus(elapsed);
        if (job.kind() == ExportJob.Kind.QUEUED) {
            Duration queued = Duration.between(watch.queuedSince(), now);
            if (queued.compareTo(maxQueued) >= 0) {
                return new PollDecision.GiveUp(PollDecision.Reason.STUCK_QUEUED,
                        "job " + job.id() + " stayed queued for " + human(queued) + " (budget " + human(maxQueued)
                                + "): Cometly is not picking it up");
            }
            budgetLeft = min(budgetLeft, maxQueued.minus(queued));
        } else {
            Duration processing = Duration.between(watch.processingSince(), now);
            if (processing.compareTo(maxProcessing) >= 0) {
                return new PollDecision.GiveUp(PollDecision.Reason.PROCESSING_TOO_LONG,
                        "job " + job.id() + " stayed processing for " + human(processing) + " (budget "
                                + human(maxProcessing) + ")");
            }
            budgetLeft = min(budgetLeft, maxProcessing.minus(processing));
        }
        return new PollDecision.Wait(min(jitteredDelay(watch.polls(), random), budgetLeft));
    }

    /**
     * The ceiling of the wait after the {@code polls}-th observation, before jitter.
     *
     * @param polls observations so far, at least 1
     * @return {@code min(maxDelay, initialDelay × multiplier^(polls-1))}
     */
    public Duration ceiling(int polls) {
        return backoff().ceiling(polls);
    }

    /** @return the growth of the waits as a {@link Backoff}: {@code initialDelay}, {@code multiplier}, {@code maxDelay} */
    public Backoff backoff() {
        return new Backoff(initialDelay, multiplier, maxDelay);
    }

    private Duration jitteredDelay(int polls, RandomGenerator random) {
        Duration drawn = backoff().fullJitter(polls, random);
        return drawn.compareTo(minDelay) < 0 ? minDelay : drawn;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    /**
     * @param d a duration
     * @return it for people: {@code 45s}, {@code 2m30s}, {@code 2h}
     */
    public static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + "s";
        }
        if (s < 7200) {
            return (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
        }
        return (s / 3600) + "h" + ((s % 3600) / 60 == 0 ? "" : ((s % 3600) / 60) + "m");
    }
}
