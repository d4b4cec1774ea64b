package io.github.cometlyexport.adapter.jdbc;

import io.github.cometlyexport.domain.RateLimit;
import io.github.cometlyexport.port.driven.ExportApiException;
import io.github.cometlyexport.port.driven.ExportInterruptedException;
import io.github.cometlyexport.port.driven.RequestBudget;
import io.github.cometlyexport.port.driven.Sleeper;
import io.github.cometlyexport.port.driven.SpaceBudgets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

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

        @Override
        public void settle() {
            db.inTransaction(c -> {
                Instant now = db.now(c);
                try (PreparedStatement s = c.prepareStatement("UPDATE request_log SET settled = 1, at_ms = CASE WHEN "
                        + "at_ms < ? THEN ? ELSE at_ms END WHERE id = ?")) {
                    s.setLong(1, now.toEpochMilli());
                    s.setLong(2, now.toEpochMilli());
                    s.setLong(3, id);
                    return s.executeUpdate();
                }
            });
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
        long guardedMs = limit.guardedWindow().toMillis();
        try (PreparedStatement prune = c.prepareStatement("DELETE FROM request_log WHERE space = ? AND kind = ? AND "
                + "at_ms <= ?")) {
            prune.setString(1, space);
            prune.setString(2, kind);
            prune.setLong(3, now.toEpochMilli() - guardedMs);
            prune.executeUpdate();
        }
        List<Instant> log = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        List<Boolean> answered = new ArrayList<>();
        boolean probeOut = false;
        Instant last = null;
        try (PreparedStatement s = c.prepareStatement("SELECT at_ms, probe, settled, id, granted_ms FROM request_log WHERE space "
                + "= ? AND kind = ? ORDER BY at_ms")) {
            s.setString(1, space);
            s.setString(2, kind);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Instant at = Instant.ofEpochMilli(r.getLong(1));
                    log.add(at);
                    // Spacing counts from grants (as the in-process budget does); the window from answers.
                    Instant granted = Instant.ofEpochMilli(r.getLong(5));
                    last = last == null || granted.isAfter(last) ? granted : last;
                    answered.add(r.getInt(3) == 1);
                    ids.add(r.getLong(4));
                    if (r.getInt(2) == 1 && r.getInt(3) == 0 && at.plus(limit.window()).isAfter(now)) {
                        probeOut = true;
                    }
                }
            }
        }
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
            rows.ensureBudgetRow(c);
            long until = db.now(c).plus(pause).toEpochMilli();
            try (PreparedStatement s = c.prepareStatement("UPDATE request_budget SET paused_until_ms = ? WHERE space "
                    + "= ? AND kind = ? AND paused_until_ms < ?")) {
                s.setLong(1, until);
                s.setString(2, space);
                s.setString(3, kind);
                s.setLong(4, until);
                return s.executeUpdate();
            }
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
        db.inTransaction(c -> {
            db.dialect().lock(c, lockName());
            rows.ensureBudgetRow(c);
            Instant now = db.now(c);
            if (remaining >= limit.limit() - rows.countInWindow(c, now, limit.guardedWindow())) {
                try (PreparedStatement s = c.prepareStatement("UPDATE request_budget SET cap_remaining = NULL WHERE "
                        + "space = ? AND kind = ?")) {
                    s.setString(1, space);
                    s.setString(2, kind);
                    return s.executeUpdate();
                }
            }
            Duration lasts = resetIn != null && !resetIn.isNegative() && resetIn.compareTo(limit.guardedWindow()) < 0
                    ? resetIn : limit.guardedWindow();
            // The report counts every request answered so far; those sent after it are what the cap limits.
            try (PreparedStatement s = c.prepareStatement("UPDATE request_budget SET cap_remaining = ?, cap_after_id = "
                    + "(SELECT COALESCE(MAX(id), 0) FROM request_log), cap_until_ms = ? WHERE space = ? AND kind = ?")) {
                s.setInt(1, Math.max(0, remaining));
                s.setLong(2, now.plus(lasts).toEpochMilli());
                s.setString(3, space);
                s.setString(4, kind);
                return s.executeUpdate();
            }
        });
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
