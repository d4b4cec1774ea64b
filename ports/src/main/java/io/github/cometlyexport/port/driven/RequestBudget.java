package io.github.cometlyexport.port.driven;

import io.github.cometlyexport.domain.RateLimit;
import java.time.Clock;
import java.time.Duration;

/**
 * One Space's budget for one kind of request (status or create), shared by every adapter that calls the API with a
 * key of that Space. The composition root makes one per Space and kind and hands the same instance to each adapter;
 * there is no registry. {@link #inProcess} keeps the budget for one process; a shared implementation (a ledger)
 * keeps it for every process of a Space.
 *
 * <p>Use: {@link #acquire()} before sending, {@link Permit#settle()} when the answer (or failure) arrived
 * ({@link Permit#settleRateLimited} for a 429: it pauses the budget), and report what else the server said:
 * {@link #observeRemaining} for {@code X-RateLimit-Remaining}, {@link #refuse} after a 401 or 403. With nothing known about the Space's budget (no request in the window), the
 * first request goes alone and the others wait for its answer ("probe before burst"): a refused key then costs one
 * request, not a burst. Implementations are thread-safe.
 */
public interface RequestBudget {

    /**
     * Blocks until a request may be sent, then counts it as sent now.
     *
     * @return the request's permit; {@link Permit#settle() settle} it when the answer arrives
     * @throws ExportInterruptedException if the thread is interrupted while waiting
     * @throws ExportApiException after {@link #refuse}
     */
    Permit acquire();

    /**
     * Holds every user of this budget back for {@code pause} from now: the server answered 429.
     *
     * @param pause how long (the server's {@code Retry-After}, capped by the caller)
     */
    void pause(Duration pause);

    /**
     * The server reported how many requests of this kind the Space has left in its current window. Zero while this
     * budget's own log does not account for the whole limit means another client spent the rest: everyone here
     * waits {@code resetIn} (or a whole window when the server did not say).
     *
     * @param remaining {@code X-RateLimit-Remaining}
     * @param resetIn   until the window turns, or {@code null} when not reported
     */
    void observeRemaining(int remaining, Duration resetIn);

    /**
     * Refuses every later {@link #acquire()}: the server refused the Space's key (401, 403), and no further request
     * with it can succeed, so none is sent (a backfill whose key was revoked stops after one create).
     *
     * @param refusal what the server answered, thrown (as a copy) to every later caller
     */
    void refuse(ExportApiException refusal);

    /** @return the limit this budget keeps */
    RateLimit limit();

    /** One counted request. */
    interface Permit {
        /** Counts the request from now, when its answer arrived: the latest the server can have counted it. */
        void settle();

        /**
         * The answer was a 429: holds every user of the budget back for {@code pause} from now (as {@link RequestBudget#pause}),
         * then counts the request from now ({@link #settle()}), in one step: the pause is in place before any
         * waiter is woken, so none is granted into it.
         *
         * @param pause how long (the server's {@code Retry-After}, capped by the caller)
         */
        void settleRateLimited(Duration pause);
    }

    /**
     * @param limit   the limit to keep
     * @param clock   the time source
     * @param sleeper waits for the window
     * @return a budget kept in this process (a sliding log in memory); waiting threads are served in arrival order
     */
    static RequestBudget inProcess(RateLimit limit, Clock clock, Sleeper sleeper) {
        return new InProcessRequestBudget(limit, clock, sleeper);
    }
}
