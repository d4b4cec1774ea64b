package io.github.cometlyexport.adapter.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

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
