package io.github.cometlyexport.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How a run of days spreads its work over the Space's budgets: how many days may have a job in flight at once, how
 * many files are downloaded at once, how often the jobs in flight are polled, and how often a day another process
 * holds is asked for again. Immutable.
 *
 * @param jobsInFlight most days with a job created (or resumed) and not yet finished, at once; default 25: at
 *                     Cometly's 5 creates a minute that keeps the create budget busy for jobs of up to 5 minutes.
 *                     Lower it to hold fewer leases and links at once; raise it for longer jobs
 * @param downloads    most files downloaded, verified and stored at once (threads, and memory per download);
 *                     default 4
 * @param pollSpacing  the status budget's interval per request (its window divided by its limit; default 2.1 s,
 *                     63 s / 30): with {@code n} jobs in flight each is polled at least every {@code n × pollSpacing}
 *                     (never more often than the polling policy's floor), so that a few jobs are polled as often as
 *                     the budget allows and many share it
 * @param heldRetry    how long to wait before asking again for a day another process holds; default 1 s
 */
public record PipelinePolicy(int jobsInFlight, int downloads, Duration pollSpacing, Duration heldRetry) {

    /**
     * Checks the counts and durations.
     *
     * @param jobsInFlight most days with a job in flight at once; at least 1
     * @param downloads    most files downloaded at once; at least 1
     * @param pollSpacing  the status budget's interval per request; positive
     * @param heldRetry    how long to wait before asking again for a day another process holds; positive
     * @throws IllegalArgumentException if a count is below 1 or a duration is not positive
     */
    public PipelinePolicy {
        if (jobsInFlight < 1) {
            throw new IllegalArgumentException("jobsInFlight must be at least 1, was " + jobsInFlight);
        }
        if (downloads < 1) {
            throw new IllegalArgumentException("downloads must be at least 1, was " + downloads);
        }
        positive("pollSpacing", pollSpacing);
        positive("heldRetry", heldRetry);
    }

    /** @return 25 jobs in flight, 4 downloads, 2.1 s between status requests, held days asked for every second */
    public static PipelinePolicy defaults() {
        return new PipelinePolicy(25, 4, Duration.ofMillis(2100), Duration.ofSeconds(1));
    }

    /**
     * @param value most days with a job in flight at once; at least 1
     * @return a copy of this policy with that limit
     */
    public PipelinePolicy withJobsInFlight(int value) {
        return new PipelinePolicy(value, downloads, pollSpacing, heldRetry);
    }

    /**
     * @param value most files downloaded at once; at least 1
     * @return a copy of this policy with that limit
     */
    public PipelinePolicy withDownloads(int value) {
        return new PipelinePolicy(jobsInFlight, value, pollSpacing, heldRetry);
    }

    /**
     * @param window the status budget's window
     * @param limit  status requests per window
     * @return this policy with the interval of that budget
     */
    public PipelinePolicy withStatusBudget(Duration window, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return new PipelinePolicy(jobsInFlight, downloads, window.dividedBy(limit), heldRetry);
    }

    /**
     * @param value how long to wait before asking again for a day another process holds; positive
     * @return a copy of this policy with that wait
     */
    public PipelinePolicy withHeldRetry(Duration value) {
        return new PipelinePolicy(jobsInFlight, downloads, pollSpacing, value);
    }

    /**
     * @param wanted     the polling policy's wait
     * @param floor      the polling policy's shortest wait
     * @param jobsPolled jobs in flight now, this one included
     * @return the wait before the next poll: the policy's, shortened to the job's fair share of the status budget
     *         when few jobs share it, never below the floor
     */
    public Duration nextPoll(Duration wanted, Duration floor, int jobsPolled) {
        Duration share = pollSpacing.multipliedBy(Math.max(1, jobsPolled));
        Duration next = wanted.compareTo(share) <= 0 ? wanted : share;
        return next.compareTo(floor) >= 0 ? next : floor;
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
