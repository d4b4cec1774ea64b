package io.github.cometlyexport.adapter.jdbc;

import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.DayKey;
import io.github.cometlyexport.domain.DayRecord;
import io.github.cometlyexport.domain.DayState;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.port.driven.DayLease;
import io.github.cometlyexport.port.driven.ExportLedgerException;
import io.github.cometlyexport.port.driven.TrackExportDaysPort;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger in a {@link LedgerDatabase}. A claim takes a day whose row is free, expired or already this holder's,
 * in one transaction (PostgreSQL locks the row; SQLite's transaction holds the write lock); every record is one
 * {@code UPDATE … WHERE holder = ?} that also extends the lease, so the owner check and the write are one step. A
 * background thread renews every open lease each third of its time to live; a lease that could not be renewed
 * (taken over after this process stalled) makes every later record of it fail. Thread-safe.
 */
public final class JdbcLedgerAdapter implements TrackExportDaysPort, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcLedgerAdapter.class);
    private static final String KEY = "space = ? AND destination = ? AND dataset = ? AND filters = ? AND day = ?";

    private final LedgerDatabase db;
    private final String holder;
    private final Duration leaseTtl;
    private final Set<Lease> open = ConcurrentHashMap.newKeySet();
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
     * @param holder   this process's name in the ledger; unique per process (it is the lease's owner token)
     */
    public JdbcLedgerAdapter(LedgerDatabase db, Duration leaseTtl, String holder) {
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

    @Override
    public Optional<DayLease> claim(DayKey day) {
        return db.inTransaction(c -> {
            Instant now = db.now(c);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO ledger_day (space, destination, dataset, "
                    + "filters, day, state, attempts, updated_ms) VALUES (?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT DO "
                    + "NOTHING")) {
                int i = bindKey(insert, 1, day);
                insert.setString(i++, DayState.CLAIMED.wireName());
                insert.setLong(i, now.toEpochMilli());
                insert.executeUpdate();
            }
            DayRecord current = select(c, day, db.dialect().forUpdate()).orElseThrow();
            boolean heldByOther = current.holder() != null && !current.holder().equals(holder)
                    && current.leaseExpiresAt() != null && current.leaseExpiresAt().isAfter(now);
            if (heldByOther) {
                return Optional.<DayLease>empty();
            }
            try (PreparedStatement take = c.prepareStatement("UPDATE ledger_day SET holder = ?, lease_expires_ms = ?, "
                    + "updated_ms = ? WHERE " + KEY)) {
                take.setString(1, holder);
                take.setLong(2, now.plus(leaseTtl).toEpochMilli());
                take.setLong(3, now.toEpochMilli());
                bindKey(take, 4, day);
                take.executeUpdate();
            }
            if (current.holder() != null && !current.holder().equals(holder)) {
                LOG.info("took over {} of {} from {}, whose lease expired at {}", day.day(), day.dataset(),
                        current.holder(), current.leaseExpiresAt());
            }
            Lease lease = new Lease(day, select(c, day, "").orElseThrow());
            open.add(lease);
            return Optional.<DayLease>of(lease);
        });
    }

    @Override
    public Optional<DayRecord> read(DayKey day) {
        return db.inTransaction(c -> select(c, day, ""));
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
                        out.add(record(r));
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

    private static Optional<DayRecord> select(Connection c, DayKey day, String lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM ledger_day WHERE " + KEY + lock)) {
            bindKey(s, 1, day);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(record(r)) : Optional.empty();
            }
        }
    }

    private static DayRecord record(ResultSet r) throws SQLException {
        DayKey key = new DayKey(r.getString("space"), r.getString("destination"), r.getString("dataset"),
                r.getString("filters"), LocalDate.parse(r.getString("day")));
        long exportId = r.getLong("export_id");
        ExportJobId id = r.wasNull() ? null : new ExportJobId(exportId, Dataset.fromName(key.dataset())
                .orElseThrow(() -> new SQLException("the ledger names an unknown dataset " + key.dataset())));
        long lease = r.getLong("lease_expires_ms");
        Instant leaseAt = r.wasNull() ? null : Instant.ofEpochMilli(lease);
        return new DayRecord(key, DayState.valueOf(r.getString("state").toUpperCase(java.util.Locale.ROOT)), id,
                r.getInt("attempts"), r.getString("holder"), leaseAt, r.getString("location"), r.getString("sha256"),
                Instant.ofEpochMilli(r.getLong("updated_ms")));
    }

    private static int bindKey(PreparedStatement s, int from, DayKey day) throws SQLException {
        int i = from;
        s.setString(i++, day.space());
        s.setString(i++, day.destination());
        s.setString(i++, day.dataset());
        s.setString(i++, day.filters());
        s.setString(i++, day.day().toString());
        return i;
    }

    private void renewAll() {
        for (Lease lease : open) {
            try {
                lease.confirm();
            } catch (ExportLedgerException e) {
                // Recorded in the lease: its next record fails with the same news.
                LOG.debug("lease of {} not renewed: {}", lease.day.day(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("renewing the lease of {} failed: {}", lease.day.day(), e.toString());
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

    /** One held day. */
    private final class Lease implements DayLease {
        private final DayKey day;
        private final DayRecord claimed;
        private volatile String lost;

        private Lease(DayKey day, DayRecord claimed) {
            this.day = day;
            this.claimed = claimed;
        }

        @Override
        public DayRecord claimed() {
            return claimed;
        }

        @Override
        public void recordJob(ExportJobId id, int attempts) {
            update("state = ?, export_id = ?, attempts = ?", s -> {
                s.setString(1, DayState.QUEUED.wireName());
                s.setLong(2, id.value());
                s.setInt(3, attempts);
                return 4;
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
                        + "= ?, updated_ms = ? WHERE " + KEY + " AND holder = ?")) {
                    int i = binder.bind(s);
                    s.setLong(i++, now.plus(leaseTtl).toEpochMilli());
                    s.setLong(i++, now.toEpochMilli());
                    i = bindKey(s, i, day);
                    s.setString(i, holder);
                    return s.executeUpdate() == 1;
                }
            });
            if (!held) {
                lost = read(day).map(DayRecord::holder).orElse("nobody");
                open.remove(this);
                throw lostNow();
            }
        }

        private ExportLedgerException lostNow() {
            return new ExportLedgerException(day.day() + " of " + day.dataset() + " is no longer held by this "
                    + "process (" + holder + "): its lease expired and " + lost + " took it over", null, true);
        }

        @Override
        public void close() {
            open.remove(this);
            if (lost != null) {
                return;
            }
            try {
                db.inTransaction(c -> {
                    try (PreparedStatement s = c.prepareStatement("UPDATE ledger_day SET holder = NULL, "
                            + "lease_expires_ms = NULL WHERE " + KEY + " AND holder = ?")) {
                        s.setString(bindKey(s, 1, day), holder);
                        return s.executeUpdate();
                    }
                });
            } catch (RuntimeException e) {
                // The lease then simply expires.
                LOG.debug("releasing {} failed: {}", day.day(), e.toString());
            }
        }
    }

    @FunctionalInterface
    private interface Binder {
        /** @return the next parameter index */
        int bind(PreparedStatement s) throws SQLException;
    }
}
