package io.github.cometlyexport.adapter.http;

import io.github.cometlyexport.port.out.ExportInterruptedException;
import io.github.cometlyexport.port.out.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One Space's budget for one kind of request (status or create), shared by every adapter in the JVM that uses a
 * key of that Space: adapters find it by the key's fingerprint, never the key.
 *
 * <p>The budget is a sliding log: a request may go when fewer than {@code limit} requests went in the last
 * {@code 1.05 × window}. That lets a burst of {@code limit} requests go at once and then waits exactly as long as
 * the window needs, and it keeps any window of the server, fixed or sliding (Cometly's documentation does not say
 * which), at or under the limit. A request counts from when it was granted until its answer arrives, then from the
 * answer ({@link #settle}): the server counted it somewhere in between, so the later instant is the safe one
 * however long the server queued it; the extra 5% covers the rest. Resilience4j's rate limiters were the first choice and are not used here: a limiter that refreshes
 * {@code limit} permits per fixed cycle lets twice the limit through across a cycle boundary, and one that spaces
 * permits evenly at a sliding-safe pace gives up a quarter of the create budget (measured: a 30-day backfill took
 * 1.5× its lower bound instead of 1.06×).
 *
 * <p>A budget may also keep a minimum spacing between requests. Status requests use {@code window / limit}: polls
 * are many and continuous, and a burst that spends the whole minute at once would leave every waiting job blind
 * until the window turns. Creates use none: they are few and deliberate, and a backfill wants its five at once.
 *
 * <p>On top, a pause shared by all users of the budget holds every request back after a 429 ({@code Retry-After}) or
 * a response that reports no remaining budget (another process of the Space spent it). Thread-safe; waiting
 * threads are served roughly in arrival order.
 */
final class RateBudget {
    private static final ConcurrentMap<String, RateBudget> BUDGETS = new ConcurrentHashMap<>();

    private final int limit;
    private final Duration window;
    private final Duration guardedWindow;
    private final Duration spacing;
    private Instant last = Instant.MIN;
    private final List<Ticket> sent = new ArrayList<>();
    private Instant pausedUntil = Instant.MIN;

    RateBudget(int limit, Duration window, Duration spacing) {
        this.limit = limit;
        this.window = window;
        this.guardedWindow = window.plus(window.dividedBy(20));
        this.spacing = spacing;
    }

    /**
     * @param fingerprint the key's fingerprint (names the Space)
     * @param kind        {@code status} or {@code create}
     * @param limit       requests per window
     * @param window      the window
     * @param smooth      whether to keep {@code window / limit} between requests
     * @return the JVM-wide budget for that Space, kind and setting
     */
    static RateBudget of(String fingerprint, String kind, int limit, Duration window, boolean smooth) {
        return BUDGETS.computeIfAbsent("cometly-" + kind + "-" + fingerprint + "-" + limit + "-per-" + window,
                n -> new RateBudget(limit, window, smooth ? window.dividedBy(limit) : Duration.ZERO));
    }

    /** One counted request; {@link #settle} moves it to when its answer came. */
    static final class Ticket {
        private Instant at;

        private Ticket(Instant at) {
            this.at = at;
        }
    }

    /**
     * Blocks until a request may be sent, then counts it as sent now.
     *
     * @return the request's ticket, to {@link #settle} when its answer (or failure) arrives
     */
    Ticket acquire(Clock clock, Sleeper sleeper) {
        while (true) {
            Duration wait;
            synchronized (this) {
                Instant now = clock.instant();
                sent.removeIf(t -> !t.at.plus(guardedWindow).isAfter(now));
                Instant spaced = last.equals(Instant.MIN) ? now : last.plus(spacing);
                if (pausedUntil.isAfter(now)) {
                    wait = Duration.between(now, pausedUntil);
                } else if (spaced.isAfter(now)) {
                    wait = Duration.between(now, spaced);
                } else if (sent.size() < limit) {
                    Ticket ticket = new Ticket(now);
                    sent.add(ticket);
                    last = now;
                    return ticket;
                } else {
                    Instant oldest = sent.stream().map(t -> t.at).min(Instant::compareTo).orElse(now);
                    wait = Duration.between(now, oldest.plus(guardedWindow));
                }
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExportInterruptedException("interrupted while waiting for rate budget", e);
            }
        }
    }

    /**
     * Counts a request from when its answer arrived: the latest the server can have counted it.
     *
     * @param ticket   the request's ticket
     * @param answered when the answer (or the failure) arrived
     */
    synchronized void settle(Ticket ticket, Instant answered) {
        if (answered.isAfter(ticket.at)) {
            ticket.at = answered;
        }
    }

    /**
     * Holds every user of this budget back until {@code now + pause}.
     *
     * @param now   the current instant
     * @param pause how long
     */
    synchronized void pause(Instant now, Duration pause) {
        Instant until = now.plus(pause);
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
    }

    /**
     * The server reported no budget left. When this budget's own log accounts for the whole limit, that is
     * expected and the log already waits for the window; otherwise another process of the Space spent the rest, and
     * everyone here waits {@code until}.
     *
     * @param now   when the report arrived
     * @param until how long to hold back when someone else spent the budget
     */
    synchronized void exhausted(Instant now, Duration until) {
        sent.removeIf(t -> !t.at.plus(guardedWindow).isAfter(now));
        if (sent.size() < limit) {
            pause(now, until);
        }
    }

    /** @return the window, for a pause when the server reports no remaining budget without saying until when */
    Duration window() {
        return window;
    }
}
