package io.github.cometlyexport.adapter.jdbc;

import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.DayKey;
import io.github.cometlyexport.domain.DayRecord;
import io.github.cometlyexport.domain.DayState;
import io.github.cometlyexport.domain.ExportJobId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** The {@code ledger_day} table's rows: how a day is keyed in SQL, and how a row reads back as a {@link DayRecord}. */
final class LedgerRows {
    /** The condition that names one day's row; bind it with {@link #bindKey}. */
    static final String KEY = "space = ? AND destination = ? AND dataset = ? AND filters = ? AND day = ?";

    private LedgerRows() {
    }

    /** @param lock a row lock clause ({@link Dialect#forUpdate()}) or empty @return the day's row, if any */
    static Optional<DayRecord> select(Connection c, DayKey day, String lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM ledger_day WHERE " + KEY + lock)) {
            bindKey(s, 1, day);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(record(r)) : Optional.empty();
            }
        }
    }

    /** @return the row the result set stands on */
    static DayRecord record(ResultSet r) throws SQLException {
        DayKey key = new DayKey(r.getString("space"), r.getString("destination"), r.getString("dataset"),
                r.getString("filters"), LocalDate.parse(r.getString("day")));
        long exportId = r.getLong("export_id");
        ExportJobId id = r.wasNull() ? null : new ExportJobId(exportId, Dataset.fromName(key.dataset())
                .orElseThrow(() -> new SQLException("the ledger names an unknown dataset " + key.dataset())));
        long lease = r.getLong("lease_expires_ms");
        Instant leaseAt = r.wasNull() ? null : Instant.ofEpochMilli(lease);
        return new DayRecord(key, DayState.valueOf(r.getString("state").toUpperCase(java.util.Locale.ROOT)), id,
                r.getInt("job_provisional") != 0, r.getInt("attempts"), r.getString("holder"), leaseAt, r.getString("location"), r.getString("sha256"),
                Instant.ofEpochMilli(r.getLong("updated_ms")));
    }

    /** Binds the day's key from parameter {@code from} on. @return the next parameter index */
    static int bindKey(PreparedStatement s, int from, DayKey day) throws SQLException {
        int i = from;
        s.setString(i++, day.space());
        s.setString(i++, day.destination());
        s.setString(i++, day.dataset());
        s.setString(i++, day.filters());
        s.setString(i++, day.day().toString());
        return i;
    }
}
