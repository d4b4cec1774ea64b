package io.github.cometlyexport.adapter.jdbc;

import io.github.cometlyexport.domain.RateLimit;
import io.github.cometlyexport.port.driven.ExportApiException;
import io.github.cometlyexport.port.driven.ExportInterruptedException;
import io.github.cometlyexport.port.driven.ExportLedgerException;
import io.github.cometlyexport.port.driven.RequestBudget;
import io.github.cometlyexport.port.driven.Sleeper;
import io.github.cometlyexport.port.driven.SpaceBudgets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Space's budget for one kind of request, kept in the ledger's database for every process that shares it: the
 * {@link RateLimit} sliding log as rows of {@code request_log}, checked and appended in one transaction that holds a
 * per-Space lock (PostgreSQL's advisory lock; SQLite's write lock), on the ledger's one clock.
 *
 * <p>Also shared: a 429's pause, and the last {@code X-RateLimit-Remaining} (a cap: after it was seen, at most that
 * many more requests until the window it spoke of has passed, so a client outside the ledger that spent the Space's
 * budget is respected). Probe before burst: when the log is empty (nothing recent known), the request granted is a
 * probe, and every process waits for its answer (whose {@code Remaining} then caps the burst) unless it stays
 * unanswered for a whole window. Threads of this process take turns in arrival order (a fair lock) and only the
 * first in line polls the database; a refusal (401, 403) is kept in this process only. Thread-safe.
 */
public final class JdbcRequestBudget implements RequestBudget {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcRequestBudget.class);
    /** {@link #tryGrant}'s answer when the Space's key was refused meanwhile. */
    private static final Object REFUSED = new Object();

    private final LedgerDatabase db;
    private final String space;
    private final String kind;
    private final RateLimit limit;
    private final Sleeper sleeper;
    private final ReentrantLock turn = new ReentrantLock(true);
    private final Duration probePoll;
    private final BudgetRows rows;
    private volatile ExportApiException refusal;
    /** Answers this process could not count in the ledger yet (it was failing), oldest first. */
    private final Queue<Long> unsettled = new ConcurrentLinkedQueue<>();
    /** A 429's pause the ledger could not record, on this process's clock: kept here at least. */
    private final AtomicReference<Instant> localPause = new AtomicReference<>(Instant.MIN);

    /**
     * @param db      the ledger's database
     * @param space   the Space ({@link io.github.cometlyexport.domain.DayKey#space})
     * @param kind    the kind of request, e.g. {@code status} or {@code create}
     * @param limit   the limit to keep
     * @param sleeper waits for the window (and for another process's probe)
     */
    public JdbcRequestBudget(LedgerDatabase db, String space, String kind, RateLimit limit, Sleeper sleeper) {
        this.db = Objects.requireNonNull(db, "db");
        this.space = Objects.requireNonNull(space, "space");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.limit = Objects.requireNonNull(limit, "limit");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.rows = new BudgetRows(space, kind);
        Duration poll = limit.window().dividedBy(300);
        this.probePoll = poll.compareTo(Duration.ofMillis(100)) > 0 ? Duration.ofMillis(100)
                : poll.isZero() ? Duration.ofMillis(1) : poll;
    }

    /**
     * @param db               the ledger's database
     * @param space            the Space
     * @param statusPerWindow  status requests per window (spaced evenly)
     * @param createsPerWindow creates per window (in bursts)
     * @param window           the window
     * @param sleeper          waits for the window
     * @return the Space's two budgets, shared with every process of the ledger
     */
    public static SpaceBudgets spaceBudgets(LedgerDatabase db, String space, int statusPerWindow,
                                            int createsPerWindow, Duration window, Sleeper sleeper) {
        return new SpaceBudgets(
                new JdbcRequestBudget(db, space, "status", RateLimit.spaced(statusPerWindow, window), sleeper),
                new JdbcRequestBudget(db, space, "create", RateLimit.bursting(createsPerWindow, window), sleeper));
    }

    private String lockName() {
        return "cometly-budget " + space + " " + kind;
    }

    /** A granted request's row. */
    private final class Row implements Permit {
        private final long id;

        private Row(long id) {
            this.id = id;
        }

        /**
         * Never throws: the answer arrived and must reach its caller (a create's job id above all). When the ledger
         * fails, the row stays unanswered (counted from its grant, against any cap, and holding others back while it
         * is a probe, which errs on the safe side) and is settled by this process's next grant.
         */
        @Override
        public void settle() {
            try {
                db.inTransaction(c -> rows.settle(c, id, db.now(c)));
            } catch (ExportLedgerException e) {
                unsettled.add(id);
                LOG.warn("the {} budget could not count an answer in the ledger (counted at the next request): {}",
                        kind, e.getMessage());
            }
        }

        /** Pauses and settles in one transaction, so that no process polling the log is granted in between. */
        @Override
        public void settleRateLimited(Duration pause) {
            try {
                db.inTransaction(c -> {
                    db.dialect().lock(c, lockName());
                    Instant now = db.now(c);
                    rows.pauseUntil(c, now.plus(pause));
                    return rows.settle(c, id, now);
                });
            } catch (ExportLedgerException e) {
                // This process at least keeps the pause (its threads would otherwise send into it at once).
                Instant until = db.localClock().instant().plus(pause);
                localPause.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
                unsettled.add(id);
                LOG.warn("the {} budget could not record a 429's pause in the ledger (kept in this process): {}",
                        kind, e.getMessage());
            }
        }
    }

    @Override
    public Permit acquire() {
        try {
            turn.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExportInterruptedException("interrupted while waiting for the " + limit + " budget", e);
        }
        try {
            while (true) {
                if (refusal != null) {
                    throw refusedAgain();
                }
                Duration paused = Duration.between(db.localClock().instant(), localPause.get());
                if (paused.compareTo(Duration.ZERO) > 0) {
                    sleeper.sleep(paused);
                    continue;
                }
                Object decision = db.inTransaction(this::tryGrant);
                if (decision instanceof Row row) {
                    return row;
                }
                if (decision == REFUSED) {
                    throw refusedAgain();
                }
                sleeper.sleep((Duration) decision);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExportInterruptedException("interrupted while waiting for the " + limit + " budget", e);
        } finally {
            turn.unlock();
        }
    }

    /** @return a {@link Row} when granted, {@link #REFUSED}, or else the {@link Duration} to wait before asking again */
    private Object tryGrant(Connection c) throws SQLException {
        db.dialect().lock(c, lockName());
        if (refusal != null) {
            // Read again under the lock: a refused probe is marked refused before its answer is recorded, so a
            // thread that finds the probe answered here also finds the refusal (checked only before the lock, it
            // could miss it and send a second request with the refused key).
            return REFUSED;
        }
        Instant now = db.now(c);
        for (Long id = unsettled.peek(); id != null; id = unsettled.peek()) {
            // Answers the ledger could not count when they came: counted from now, later than they were (safe).
            rows.settle(c, id, now);
            unsettled.remove(id);
        }
        BudgetRows.Log read = rows.log(c, now, limit.guardedWindow(), limit.window());
        List<Instant> log = read.at();
        List<Long> ids = read.ids();
        List<Boolean> answered = read.answered();
        boolean probeOut = read.probeOut();
        Instant last = read.lastGranted();
        BudgetRows.Budget budget = rows.budget(c);
        if (budget.pausedUntil().isAfter(now)) {
            return Duration.between(now, budget.pausedUntil());
        }
        if (probeOut) {
            return probePoll;
        }
        Duration wait = limit.waitBefore(log, last, now);
        if (budget.capUntil() != null && budget.capUntil().isAfter(now)) {
            // Requests sent after the report, and those still unanswered (the server may not have counted them yet).
            long sinceCap = 0;
            for (int i = 0; i < ids.size(); i++) {
                sinceCap += ids.get(i) > budget.capAfterId() || !answered.get(i) ? 1 : 0;
            }
            if (sinceCap >= budget.capRemaining()) {
                Duration capWait = Duration.between(now, budget.capUntil());
                wait = capWait.compareTo(wait) > 0 ? capWait : wait;
            }
        }
        if (!wait.isZero()) {
            return wait;
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO request_log (space, kind, at_ms, granted_ms, "
                + "probe, settled) VALUES (?, ?, ?, ?, ?, 0)", new String[] {"id"})) {
            insert.setString(1, space);
            insert.setString(2, kind);
            insert.setLong(3, now.toEpochMilli());
            insert.setLong(4, now.toEpochMilli());
            insert.setInt(5, log.isEmpty() ? 1 : 0);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new Row(keys.getLong(1));
            }
        }
    }

    @Override
    public void pause(Duration pause) {
        db.inTransaction(c -> {
            db.dialect().lock(c, lockName());
            return rows.pauseUntil(c, db.now(c).plus(pause));
        });
    }

    /**
     * Caps what the log allows when the server counts more than the shared log explains (a client outside the
     * ledger spent part of the window): after now, at most {@code remaining} more requests until {@code resetIn} (or
     * a whole window) has passed. When the log explains the server's count, any earlier cap is lifted: the log
     * alone then paces as exactly as it can.
     */
    @Override
    public void observeRemaining(int remaining, Duration resetIn) {
        try {
            db.inTransaction(c -> {
                db.dialect().lock(c, lockName());
                rows.ensureBudgetRow(c);
                Instant now = db.now(c);
                if (remaining >= limit.limit() - rows.countInWindow(c, now, limit.guardedWindow())) {
                    return rows.liftCap(c);
                }
                Duration lasts = resetIn != null && !resetIn.isNegative()
                        && resetIn.compareTo(limit.guardedWindow()) < 0 ? resetIn : limit.guardedWindow();
                return rows.cap(c, Math.max(0, remaining), now.plus(lasts));
            });
        } catch (ExportLedgerException e) {
            // Reported after an answer, which must reach its caller; the log alone then paces this Space.
            LOG.warn("the {} budget could not record X-RateLimit-Remaining {} in the ledger: {}", kind, remaining,
                    e.getMessage());
        }
    }

    @Override
    public void refuse(ExportApiException refused) {
        refusal = Objects.requireNonNull(refused, "refused");
    }

    private ExportApiException refusedAgain() {
        return new ExportApiException(refusal.status(), refusal.apiMessage(), refusal.fieldErrors(),
                "not sent: an earlier request of this Space was refused");
    }

    @Override
    public RateLimit limit() {
        return limit;
    }

    @Override
    public String toString() {
        return "JdbcRequestBudget[" + kind + ", " + limit + ", " + db.describe() + "]";
    }
}
