package io.github.cometlyexport.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What an awaiting client has seen of one job so far: when it started watching, how many status responses it
 * has read, and since when (by the client's own clock) it has seen the job queued and processing. Times are the
 * client's, never the server's {@code created_at}, so clock skew between the two cannot eat a budget.
 *
 * <p>Immutable; {@link #observe(ExportJob, Instant)} returns the next watch. Thread-safe.
 *
 * @param startedAt       when watching began
 * @param polls           how many status responses have been observed
 * @param queuedSince     when the job was first seen queued (watching start if it was queued then), or
 *                        {@code null} before that
 * @param processingSince when the job was first seen processing, or {@code null} before that
 * @param last            the last observed state, or {@code null} before the first observation
 */
public record JobWatch(Instant startedAt, int polls, Instant queuedSince, Instant processingSince, ExportJob last) {

    /**
     * Checks the start and the count.
     *
     * @param startedAt       when watching began, by the client's clock; not null
     * @param polls           how many status responses have been observed; not negative
     * @param queuedSince     when the job was first seen queued, or {@code null} before that
     * @param processingSince when the job was first seen processing, or {@code null} before that
     * @param last            the last observed state, or {@code null} before the first observation
     * @throws IllegalArgumentException if {@code polls} is negative
     */
    public JobWatch {
        Objects.requireNonNull(startedAt, "startedAt");
        if (polls < 0) {
            throw new IllegalArgumentException("polls must not be negative, was " + polls);
        }
    }

    /**
     * @param now when watching begins
     * @return a watch that has seen nothing yet
     */
    public static JobWatch startingAt(Instant now) {
        return new JobWatch(now, 0, null, null, null);
    }

    /**
     * Records one observation. A job first seen queued counts as queued since watching began.
     *
     * @param job the state just received
     * @param now when it was received
     * @return the updated watch
     */
    public JobWatch observe(ExportJob job, Instant now) {
        Instant queued = queuedSince;
        Instant processing = processingSince;
        if (job.kind() == ExportJob.Kind.QUEUED && queued == null) {
            queued = startedAt;
        }
        if (job.kind() == ExportJob.Kind.PROCESSING && processing == null) {
            processing = now;
        }
        return new JobWatch(startedAt, polls + 1, queued, processing, job);
    }

    /**
     * @param now the current instant
     * @return how long the job has been watched
     */
    public Duration elapsed(Instant now) {
        return Duration.between(startedAt, now);
    }
}
