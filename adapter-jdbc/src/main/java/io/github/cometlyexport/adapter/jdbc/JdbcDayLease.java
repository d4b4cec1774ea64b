package io.github.cometlyexport.adapter.jdbc;

import io.github.cometlyexport.domain.DayKey;
import io.github.cometlyexport.domain.DayRecord;
import io.github.cometlyexport.domain.DayState;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.port.driven.DayLease;
import io.github.cometlyexport.port.driven.ExportLedgerException;
import io.github.cometlyexport.port.driven.Sleeper;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
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
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final int MAX_TRIES = 30;

    private final LedgerDatabase db;
    private final DayKey day;
    private final DayRecord claimed;
    private final String holder;
    private final Duration leaseTtl;
    private final Consumer<JdbcDayLease> onEnd;
    private final Sleeper sleeper;
    private volatile String lost;

    /**
     * @param onEnd   hears that the lease was given up or lost (the adapter then stops renewing it)
     * @param sleeper waits between the tries of recording a created job
     */
    JdbcDayLease(LedgerDatabase db, DayKey day, DayRecord claimed, String holder, Duration leaseTtl,
                 Consumer<JdbcDayLease> onEnd, Sleeper sleeper) {
        this.sleeper = sleeper;
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

    /**
     * {@inheritDoc}
     *
     * <p>The job exists at Cometly from the moment its create answered, and only this record keeps a rerun from
     * creating a second one: a failing ledger is tried again with backoff for up to half the lease (the renewer
     * kept the lease at least two thirds full until the failure). If it still fails, or the lease is lost, the
     * exception's message names the job and the command that downloads it.
     */
    @Override
    public void recordJob(ExportJobId id, int attempts, boolean provisional) {
        Clock clock = db.localClock();
        Instant giveUpAt = clock.instant().plus(leaseTtl.dividedBy(2));
        Duration backoff = FIRST_BACKOFF;
        Duration slept = Duration.ZERO;
        for (int tries = 1; ; tries++) {
            try {
                update("state = ?, export_id = ?, attempts = ?, job_provisional = ?", s -> {
                    s.setString(1, DayState.QUEUED.wireName());
                    s.setLong(2, id.value());
                    s.setInt(3, attempts);
                    s.setInt(4, provisional ? 1 : 0);
                    return 5;
                });
                if (tries > 1) {
                    LOG.info("job {} of {} {} recorded in the ledger at try {}", id.value(), day.dataset(),
                            day.day(), tries);
                }
                return;
            } catch (ExportLedgerException e) {
                boolean late = !clock.instant().plus(backoff).isBefore(giveUpAt)
                        || slept.plus(backoff).compareTo(leaseTtl.dividedBy(2)) > 0 || tries >= MAX_TRIES;
                if (e.leaseLost() || late) {
                    throw unrecorded(id, e);
                }
                LOG.warn("job {} of {} {} could not be recorded in the ledger (try {}, again in {} ms): {}",
                        id.value(), day.dataset(), day.day(), tries, backoff.toMillis(), e.getMessage());
            }
            try {
                sleeper.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unrecorded(id, new ExportLedgerException("interrupted while recording the job", e, false));
            }
            slept = slept.plus(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** @return the failure, with what a user needs to keep the job that exists but is recorded nowhere */
    private ExportLedgerException unrecorded(ExportJobId id, ExportLedgerException e) {
        String dataset = "events".equals(day.dataset()) ? "" : " --dataset " + day.dataset();
        return new ExportLedgerException("job " + id.value() + " of " + day.dataset() + " " + day.day() + " was "
                + "created but could not be recorded in the ledger (" + e.getMessage() + "): `cometly-export download "
                + id.value() + dataset + " --date " + day.day() + " --out " + day.destination() + "` stores it", e,
                e.leaseLost());
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
