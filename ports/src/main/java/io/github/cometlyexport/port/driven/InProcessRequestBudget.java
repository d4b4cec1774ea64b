package io.github.cometlyexport.port.driven;

import io.github.cometlyexport.domain.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link RequestBudget} kept in memory: the {@link RateLimit} sliding log plus a shared pause. Requests count
 * from when they were granted until their answer arrives, then from the answer (the server counted each somewhere
 * in between, so the later instant is the safe one). Waiting threads are served strictly in arrival order: a ticket
 * number is taken on entry and only the oldest waiting ticket may be granted. When the log is empty (nothing known
 * about the Space's budget) the request granted is a probe: other threads wait for its answer, unless it stays
 * unanswered for a whole window. After {@link #refuse} every acquire throws at once. Threads that wait for their
 * turn use the monitor (woken by every grant, answer and refusal); the one whose turn it is waits for the window
 * through the {@link Sleeper}.
 */
final class InProcessRequestBudget implements RequestBudget {
    private final RateLimit limit;
    private final Clock clock;
    private final Sleeper sleeper;
    private final List<Counted> log = new ArrayList<>();
    private Instant last;
    private Instant pausedUntil = Instant.MIN;
    private long nextTicket;
    private long serving;
    private Counted probe;
    private Thread probeOwner;
    private ExportApiException refusal;
    private final Set<Long> abandoned = new HashSet<>();

    InProcessRequestBudget(RateLimit limit, Clock clock, Sleeper sleeper) {
        this.limit = Objects.requireNonNull(limit, "limit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** A request in the log; its instant moves to the answer when settled. */
    private final class Counted implements Permit {
        private Instant at;

        private Counted(Instant at) {
            this.at = at;
        }

        @Override
        public void settleRateLimited(Duration pause) {
            synchronized (InProcessRequestBudget.this) {
                // Under the monitor, before the settle wakes anyone: a woken waiter finds the pause.
                pause(pause);
                settle();
            }
        }

        @Override
        public void settle() {
            synchronized (InProcessRequestBudget.this) {
                Instant answered = clock.instant();
                if (answered.isAfter(at)) {
                    at = answered;
                }
                if (probe == this) {
                    probe = null;
                    InProcessRequestBudget.this.notifyAll();
                }
            }
        }
    }

    @Override
    public Permit acquire() {
        long ticket;
        synchronized (this) {
            ticket = nextTicket++;
        }
        try {
            while (true) {
                Duration wait;
                synchronized (this) {
                    Instant now = clock.instant();
                    prune(now);
                    if (refusal != null) {
                        throw refusedAgain();
                    }
                    if (probe != null && !probe.at.plus(limit.window()).isAfter(now)) {
                        // A probe unanswered for a whole window (its caller never settled it) holds no one back.
                        probe = null;
                    }
                    if (ticket != serving || probe != null && probeOwner != Thread.currentThread()) {
                        // Not this thread's turn, or the first request of a burst is out: wait for it.
                        wait = null;
                    } else if (pausedUntil.isAfter(now)) {
                        wait = Duration.between(now, pausedUntil);
                    } else {
                        wait = limit.waitBefore(log.stream().map(c -> c.at).toList(), last, now);
                        if (wait.isZero()) {
                            boolean nothingKnown = log.isEmpty();
                            Counted counted = new Counted(now);
                            if (nothingKnown) {
                                probe = counted;
                                probeOwner = Thread.currentThread();
                            }
                            log.add(counted);
                            last = now;
                            serving++;
                            skipAbandoned();
                            notifyAll();
                            return counted;
                        }
                    }
                    if (wait == null) {
                        // Woken by every grant, settle and refusal; the timeout only re-checks a stale probe.
                        wait(1000);
                        continue;
                    }
                }
                sleeper.sleep(wait);
            }
        } catch (InterruptedException e) {
            synchronized (this) {
                // Give up this ticket's turn so that the threads behind it are not stuck.
                if (ticket == serving) {
                    serving++;
                } else {
                    abandoned.add(ticket);
                }
                skipAbandoned();
                notifyAll();
            }
            Thread.currentThread().interrupt();
            throw new ExportInterruptedException("interrupted while waiting for the " + limit + " budget", e);
        }
    }

    private void skipAbandoned() {
        while (abandoned.remove(serving)) {
            serving++;
        }
    }

    private void prune(Instant now) {
        Duration guarded = limit.guardedWindow();
        log.removeIf(c -> !c.at.plus(guarded).isAfter(now));
    }

    @Override
    public synchronized void refuse(ExportApiException refused) {
        refusal = refused;
        probe = null;
        notifyAll();
    }

    /** A copy of the refusal, so that each caller's stack shows where it asked. */
    private ExportApiException refusedAgain() {
        return new ExportApiException(refusal.status(), refusal.apiMessage(), refusal.fieldErrors(),
                "not sent: an earlier request of this Space was refused");
    }

    @Override
    public synchronized void pause(Duration pause) {
        Instant until = clock.instant().plus(pause);
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
    }

    @Override
    public synchronized void observeRemaining(int remaining, Duration resetIn) {
        if (remaining > 0) {
            return;
        }
        Instant now = clock.instant();
        prune(now);
        if (log.size() < limit.limit()) {
            // Our own log explains less than the limit: someone else spent the rest of the window.
            pause(resetIn != null ? resetIn : limit.window());
        }
    }

    @Override
    public RateLimit limit() {
        return limit;
    }

    @Override
    public String toString() {
        return "InProcessRequestBudget[" + limit + "]";
    }
}
