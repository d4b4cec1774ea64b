package io.github.cometlyexport.adapter.jdbc;

import io.github.cometlyexport.domain.DayKey;
import io.github.cometlyexport.domain.DayRecord;
import io.github.cometlyexport.domain.DayState;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.port.driven.DayLease;
import io.github.cometlyexport.port.driven.ExportLedgerException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One day held by this process ({@link JdbcLedgerAdapter#claim}): every record is one {@code UPDATE … WHERE holder =
 * ?} that also extends the lease, so the owner check and the write are one step; once an update finds the day held
 * by another, the lease is lost and every later record fails with the news. Used by one thread at a time (and the
 * adapter's renewer).
 */
final class JdbcDayLease implements DayLease {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcDayLease.class);

    private final LedgerDatabase db;
    private final DayKey day;
    private final DayRecord claimed;
    private final String holder;
    private final Duration leaseTtl;
    private final Consumer<JdbcDayLease> onEnd;
    private volatile String lost;

    /**
     * @param onEnd hears that the lease was given up or lost (the adapter then stops renewing it)
     */
    JdbcDayLease(LedgerDatabase db, DayKey day, DayRecord claimed, String holder, Duration leaseTtl,
                 Consumer<JdbcDayLease> onEnd) {
        this.db = db;
        this.day = day;
        this.claimed = claimed;
        this.holder = holder;
        this.leaseTtl = leaseTtl;
        this.onEnd = onEnd;
    }

    DayKey day() {
        return day;
    }

    @Override
    public DayRecord claimed() {
        return claimed;
    }

    @Override
    public void recordJob(ExportJobId id, int attempts, boolean provisional) {
        update("state = ?, export_id = ?, attempts = ?, job_provisional = ?", s -> {
            s.setString(1, DayState.QUEUED.wireName());
            s.setLong(2, id.value());
            s.setInt(3, attempts);
            s.setInt(4, provisional ? 1 : 0);
            return 5;
        });
    }

    @Override
    public void recordState(DayState state) {
        update("state = ?", s -> {
            s.setString(1, state.wireName());
            return 2;
        });
    }

    @Override
    public void confirm() {
        update("state = state", s -> 1);
    }

    @Override
    public void recordStored(StoredExport stored) {
        update("state = ?, location = ?, sha256 = ?", s -> {
            s.setString(1, DayState.STORED.wireName());
            s.setString(2, stored.location());
            s.setString(3, stored.manifest().sha256());
            return 4;
        });
    }

    /** One statement: set the columns and extend the lease, only while this process holds the day. */
    private void update(String set, Binder binder) {
        if (lost != null) {
            throw lostNow();
        }
        boolean held = db.inTransaction(c -> {
            Instant now = db.now(c);
            try (PreparedStatement s = c.prepareStatement("UPDATE ledger_day SET " + set + ", lease_expires_ms "
                    + "= ?, updated_ms = ? WHERE " + LedgerRows.KEY + " AND holder = ?")) {
                int i = binder.bind(s);
                s.setLong(i++, now.plus(leaseTtl).toEpochMilli());
                s.setLong(i++, now.toEpochMilli());
                i = LedgerRows.bindKey(s, i, day);
                s.setString(i, holder);
                return s.executeUpdate() == 1;
            }
        });
        if (!held) {
            lost = db.inTransaction(c -> LedgerRows.select(c, day, "")).map(DayRecord::holder)
                    .orElse("nobody");
            onEnd.accept(this);
            throw lostNow();
        }
    }

    private ExportLedgerException lostNow() {
        return new ExportLedgerException(day.day() + " of " + day.dataset() + " is no longer held by this "
                + "process (" + holder + "): its lease expired and " + lost + " took it over", null, true);
    }

    @Override
    public void close() {
        onEnd.accept(this);
        if (lost != null) {
            return;
        }
        try {
            db.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE ledger_day SET holder = NULL, "
                        + "lease_expires_ms = NULL WHERE " + LedgerRows.KEY + " AND holder = ?")) {
                    s.setString(LedgerRows.bindKey(s, 1, day), holder);
                    return s.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            // The lease then simply expires.
            LOG.debug("releasing {} failed: {}", day.day(), e.toString());
        }
    }

@FunctionalInterface
private interface Binder {
    /** @return the next parameter index */
    int bind(PreparedStatement s) throws SQLException;
}
}
