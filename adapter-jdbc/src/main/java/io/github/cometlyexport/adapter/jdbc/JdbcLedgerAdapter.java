package io.github.cometlyexport.adapter.jdbc;

import io.github.cometlyexport.domain.DayKey;
import io.github.cometlyexport.domain.DayRecord;
import io.github.cometlyexport.domain.DayState;
import io.github.cometlyexport.port.driven.DayLease;
import io.github.cometlyexport.port.driven.ExportLedgerException;
import io.github.cometlyexport.port.driven.Sleeper;
import io.github.cometlyexport.port.driven.TrackExportDaysPort;
import java.net.InetAddress;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger in a {@link LedgerDatabase}. A claim takes a day whose row is free, expired or this holder's (left
 * by a lease that was not released) and that no open lease of this adapter holds, in one transaction (PostgreSQL locks the row; SQLite's transaction holds the write lock); every record is one
 * {@code UPDATE … WHERE holder = ?} that also extends the lease ({@link JdbcDayLease}), so the owner check and the
 * write are one step. A background thread renews every open lease each third of its time to live; a lease that could
 * not be renewed (taken over after this process stalled) makes every later record of it fail. Thread-safe.
 */
public final class JdbcLedgerAdapter implements TrackExportDaysPort, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcLedgerAdapter.class);

    private final LedgerDatabase db;
    private final String holder;
    private final Duration leaseTtl;
    /** A day being claimed by a thread of this process, not yet granted. */
    private static final Object CLAIMING = new Object();
    /** This process's open leases by day (and days being claimed right now). */
    private final ConcurrentMap<DayKey, Object> open = new ConcurrentHashMap<>();
    private final Sleeper sleeper;
    private final ScheduledExecutorService renewer;

    /**
     * @param db       the ledger's database
     * @param leaseTtl how long a claim lasts without renewal: the time a dead holder's days wait before another
     *                 process takes them over (renewed every third of it)
     */
    public JdbcLedgerAdapter(LedgerDatabase db, Duration leaseTtl) {
        this(db, leaseTtl, defaultHolder());
    }

    /**
     * @param db       the ledger's database
     * @param leaseTtl how long a claim lasts without renewal
     * @param sleeper  waits between the tries of recording a created job ({@link DayLease#recordJob})
     */
    public JdbcLedgerAdapter(LedgerDatabase db, Duration leaseTtl, Sleeper sleeper) {
        this(db, leaseTtl, defaultHolder(), sleeper);
    }

    /**
     * @param db       the ledger's database
     * @param leaseTtl how long a claim lasts without renewal
     * @param holder   this process's name in the ledger; unique per process (it is the lease's owner token)
     */
    public JdbcLedgerAdapter(LedgerDatabase db, Duration leaseTtl, String holder) {
        this(db, leaseTtl, holder, Sleeper.system());
    }

    /**
     * @param db       the ledger's database
     * @param leaseTtl how long a claim lasts without renewal
     * @param holder   this process's name in the ledger; unique per process (it is the lease's owner token)
     * @param sleeper  waits between the tries of recording a created job ({@link DayLease#recordJob})
     */
    public JdbcLedgerAdapter(LedgerDatabase db, Duration leaseTtl, String holder, Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.db = Objects.requireNonNull(db, "db");
        this.leaseTtl = Objects.requireNonNull(leaseTtl, "leaseTtl");
        this.holder = Objects.requireNonNull(holder, "holder");
        if (leaseTtl.toMillis() < 30) {
            throw new IllegalArgumentException("a lease must last at least 30 ms, was " + leaseTtl);
        }
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cometly-ledger-renewer");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(10, leaseTtl.toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
    }

    /** @return {@code host:pid:random}: names this process in the ledger, and no other */
    static String defaultHolder() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        return host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** @return this process's name in the ledger */
    public String holder() {
        return holder;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A day this adapter holds already (an open lease of another thread of this process) answers held, like a day
     * of another process: one lease per day per process, so two threads never both create a job for it.
     */
    @Override
    public Optional<DayLease> claim(DayKey day) {
        // Taken before the database is asked, so that two threads of this process cannot both pass.
        if (open.putIfAbsent(day, CLAIMING) != null) {
            return Optional.empty();
        }
        boolean granted = false;
        try {
            Optional<DayLease> lease = claimInDatabase(day);
            granted = lease.isPresent();
            return lease;
        } finally {
            if (!granted) {
                open.remove(day, CLAIMING);
            }
        }
    }

    private Optional<DayLease> claimInDatabase(DayKey day) {
        return db.inTransaction(c -> {
            Instant now = db.now(c);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO ledger_day (space, destination, dataset, "
                    + "filters, day, state, attempts, updated_ms) VALUES (?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT DO "
                    + "NOTHING")) {
                int i = LedgerRows.bindKey(insert, 1, day);
                insert.setString(i++, DayState.CLAIMED.wireName());
                insert.setLong(i, now.toEpochMilli());
                insert.executeUpdate();
            }
            DayRecord current = LedgerRows.select(c, day, db.dialect().forUpdate()).orElseThrow();
            boolean heldByOther = current.holder() != null && !current.holder().equals(holder)
                    && current.leaseExpiresAt() != null && current.leaseExpiresAt().isAfter(now);
            if (heldByOther) {
                return Optional.<DayLease>empty();
            }
            try (PreparedStatement take = c.prepareStatement("UPDATE ledger_day SET holder = ?, lease_expires_ms = ?, "
                    + "updated_ms = ? WHERE " + LedgerRows.KEY)) {
                take.setString(1, holder);
                take.setLong(2, now.plus(leaseTtl).toEpochMilli());
                take.setLong(3, now.toEpochMilli());
                LedgerRows.bindKey(take, 4, day);
                take.executeUpdate();
            }
            if (current.holder() != null && !current.holder().equals(holder)) {
                LOG.info("took over {} of {} from {}, whose lease expired at {}", day.day(), day.dataset(),
                        current.holder(), current.leaseExpiresAt());
            }
            JdbcDayLease lease = new JdbcDayLease(db, day, LedgerRows.select(c, day, "").orElseThrow(), holder,
                    leaseTtl, ended -> open.remove(ended.day(), ended), sleeper);
            open.put(day, lease);
            return Optional.<DayLease>of(lease);
        });
    }

    @Override
    public Optional<DayRecord> read(DayKey day) {
        return db.inTransaction(c -> LedgerRows.select(c, day, ""));
    }

    @Override
    public List<DayRecord> list(LocalDate from, LocalDate to, String dataset) {
        StringBuilder sql = new StringBuilder("SELECT * FROM ledger_day WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        if (from != null) {
            sql.append(" AND day >= ?");
            args.add(from.toString());
        }
        if (to != null) {
            sql.append(" AND day <= ?");
            args.add(to.toString());
        }
        if (dataset != null) {
            sql.append(" AND dataset = ?");
            args.add(dataset);
        }
        sql.append(" ORDER BY day, space, destination, dataset, filters");
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    s.setString(i + 1, args.get(i));
                }
                List<DayRecord> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(LedgerRows.record(r));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public String describe() {
        return db.describe();
    }

    private void renewAll() {
        for (Object held : open.values()) {
            if (!(held instanceof JdbcDayLease lease)) {
                continue;
            }
            try {
                lease.confirm();
            } catch (ExportLedgerException e) {
                // Recorded in the lease: its next record fails with the same news.
                LOG.debug("lease of {} not renewed: {}", lease.day().day(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("renewing the lease of {} failed: {}", lease.day().day(), e.toString());
            }
        }
    }

    /** Stops renewing; open leases then expire on their own. Never closes the database. */
    @Override
    public void close() {
        renewer.shutdownNow();
    }

    @Override
    public String toString() {
        return "JdbcLedgerAdapter[" + db.describe() + ", holder " + holder + "]";
    }

}
