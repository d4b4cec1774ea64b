package io.github.cometlyexport.adapter.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one Space's budget for one kind of request that {@link JdbcRequestBudget} reads besides its log: the
 * {@code request_budget} state (pause, cap) and the log's count. Callers hold the budget's lock in their transaction.
 */
final class BudgetRows {
    private final String space;
    private final String kind;

    BudgetRows(String space, String kind) {
        this.space = space;
        this.kind = kind;
    }

    /** What the server said about the budget: a 429's pause, and a cap from {@code X-RateLimit-Remaining}. */
    record Budget(Instant pausedUntil, Integer capRemaining, long capAfterId, Instant capUntil) {
    }

    /** @return the budget's state, as last told by the server (nothing told: no pause, no cap) */
    Budget budget(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT paused_until_ms, cap_remaining, cap_after_id, cap_until_ms "
                + "FROM request_budget WHERE space = ? AND kind = ?")) {
            s.setString(1, space);
            s.setString(2, kind);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return new Budget(Instant.MIN, null, 0, null);
                }
                Instant paused = Instant.ofEpochMilli(r.getLong(1));
                int remaining = r.getInt(2);
                if (r.wasNull()) {
                    return new Budget(paused, null, 0, null);
                }
                return new Budget(paused, remaining, r.getLong(3),
                        Instant.ofEpochMilli(r.getLong(4)));
            }
        }
    }

    /** Makes sure the state's row exists, so that it can be updated. */
    void ensureBudgetRow(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO request_budget (space, kind, paused_until_ms) "
                + "VALUES (?, ?, 0) ON CONFLICT DO NOTHING")) {
            s.setString(1, space);
            s.setString(2, kind);
            s.executeUpdate();
        }
    }

    /**
     * The log of requests in the guarded window, oldest answer first.
     *
     * @param at          each request's instant: its answer once settled, else its grant
     * @param ids         each request's row id
     * @param answered    whether each was settled
     * @param probeOut    whether a probe is unanswered (for less than a window)
     * @param lastGranted the latest grant, or null
     */
    record Log(List<Instant> at, List<Long> ids, List<Boolean> answered, boolean probeOut, Instant lastGranted) {
    }

    /** Prunes the requests older than the guarded window, then reads the rest. */
    Log log(Connection c, Instant now, Duration guarded, Duration window) throws SQLException {
        try (PreparedStatement prune = c.prepareStatement("DELETE FROM request_log WHERE space = ? AND kind = ? AND "
                + "at_ms <= ?")) {
            prune.setString(1, space);
            prune.setString(2, kind);
            prune.setLong(3, now.toEpochMilli() - guarded.toMillis());
            prune.executeUpdate();
        }
        List<Instant> log = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        List<Boolean> answered = new ArrayList<>();
        boolean probeOut = false;
        Instant last = null;
        try (PreparedStatement s = c.prepareStatement("SELECT at_ms, probe, settled, id, granted_ms FROM request_log "
                + "WHERE space = ? AND kind = ? ORDER BY at_ms")) {
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
                    if (r.getInt(2) == 1 && r.getInt(3) == 0 && at.plus(window).isAfter(now)) {
                        probeOut = true;
                    }
                }
            }
        }
        return new Log(log, ids, answered, probeOut, last);
    }

    /** Counts a granted request from {@code now}, when its answer arrived (never earlier than its grant). */
    int settle(Connection c, long id, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE request_log SET settled = 1, at_ms = CASE WHEN "
                + "at_ms < ? THEN ? ELSE at_ms END WHERE id = ?")) {
            s.setLong(1, now.toEpochMilli());
            s.setLong(2, now.toEpochMilli());
            s.setLong(3, id);
            return s.executeUpdate();
        }
    }

    /** Holds every process back until {@code until} (a later pause already set stays). */
    int pauseUntil(Connection c, Instant until) throws SQLException {
        ensureBudgetRow(c);
        try (PreparedStatement s = c.prepareStatement("UPDATE request_budget SET paused_until_ms = ? WHERE space "
                + "= ? AND kind = ? AND paused_until_ms < ?")) {
            s.setLong(1, until.toEpochMilli());
            s.setString(2, space);
            s.setString(3, kind);
            s.setLong(4, until.toEpochMilli());
            return s.executeUpdate();
        }
    }

    /** Lifts the cap of an earlier {@code X-RateLimit-Remaining}: the log explains the server's count. */
    int liftCap(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE request_budget SET cap_remaining = NULL WHERE "
                + "space = ? AND kind = ?")) {
            s.setString(1, space);
            s.setString(2, kind);
            return s.executeUpdate();
        }
    }

    /**
     * Caps the requests after every one answered so far (the report counts those) at {@code remaining} until
     * {@code until}.
     */
    int cap(Connection c, int remaining, Instant until) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE request_budget SET cap_remaining = ?, cap_after_id = "
                + "(SELECT COALESCE(MAX(id), 0) FROM request_log), cap_until_ms = ? WHERE space = ? AND kind = ?")) {
            s.setInt(1, remaining);
            s.setLong(2, until.toEpochMilli());
            s.setString(3, space);
            s.setString(4, kind);
            return s.executeUpdate();
        }
    }

    /** @return requests in the log within {@code guarded} before {@code now} */
    int countInWindow(Connection c, Instant now, Duration guarded) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM request_log WHERE space = ? AND kind = ? "
                + "AND at_ms > ?")) {
            s.setString(1, space);
            s.setString(2, kind);
            s.setLong(3, now.toEpochMilli() - guarded.toMillis());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
