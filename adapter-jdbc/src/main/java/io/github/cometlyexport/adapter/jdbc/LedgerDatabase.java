package io.github.cometlyexport.adapter.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.cometlyexport.port.driven.ExportLedgerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The database that holds the ledger and the shared request budgets: an SQLite file (one host: several processes
 * share it safely) or PostgreSQL (several hosts). Opening it creates or migrates the schema with Flyway (versioned
 * scripts under {@code db/ledger}, one for both databases, history in {@code ledger_schema_history}), never by hand.
 *
 * <p>Time: on PostgreSQL the server's {@code clock_timestamp()} is the one clock every host shares (leases and the
 * request log are compared across hosts); on SQLite, whose processes share one host, the given {@link Clock}.
 * Thread-safe; {@link #close()} closes the pool it opened (never a host's own {@link DataSource}).
 */
public final class LedgerDatabase implements AutoCloseable {
    /** Longest wait for a PostgreSQL server to let this process log in, unless the URL says otherwise. */
    static final int LOGIN_TIMEOUT_SECONDS = 20;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Clock clock;
    private final boolean databaseClock;
    private final String description;
    private final AutoCloseable owned;
    private final List<String> secrets;
    /** Whether connections are a host's SQLite ones, whose settings each transaction applies and restores. */
    private final boolean hostSqlite;

    private LedgerDatabase(DataSource dataSource, Dialect dialect, Clock clock, boolean databaseClock,
                           String description, AutoCloseable owned, List<String> secrets, boolean hostSqlite) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
        this.databaseClock = databaseClock;
        this.description = description;
        this.owned = owned;
        this.secrets = secrets;
        this.hostSqlite = hostSqlite;
    }

    /**
     * Opens the ledger a URL names, creating an SQLite file (and its folder) on first use, and migrates its schema.
     * Several threads (or processes) may open one SQLite file at once: their migrations take turns.
     *
     * @param jdbcUrl {@code jdbc:sqlite:<path>} or {@code jdbc:postgresql://[user[:password]@]host/db?…};
     *                PostgreSQL credentials come from the URL's user info (percent-decoded), its {@code user} /
     *                {@code password} parameters, or else {@code PGUSER} / {@code PGPASSWORD}
     * @param env     the environment (for {@code PGUSER}/{@code PGPASSWORD})
     * @param clock   the clock of an SQLite ledger (PostgreSQL uses the server's)
     * @return the open ledger database; close it when done
     * @throws ExportLedgerException if the URL names another database, or it cannot be opened or migrated; its
     *                               message never holds a password
     */
    public static LedgerDatabase open(String jdbcUrl, Map<String, String> env, Clock clock) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            String description = LedgerUrl.redact(jdbcUrl, List.of());
            Path file = Path.of(jdbcUrl.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", ""));
            try {
                Path folder = file.toAbsolutePath().getParent();
                if (folder != null) {
                    Files.createDirectories(folder);
                }
            } catch (IOException e) {
                throw new ExportLedgerException("cannot create the ledger's folder for " + description + ": " + e,
                        e, false);
            }
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout(SqliteFiles.BUSY_TIMEOUT_MS);
            // Every transaction takes the write lock when it begins: two processes can never both read "4 sent"
            // and both send the fifth, or both see a day free and both claim it.
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            SQLiteDataSource sqlite = new SQLiteDataSource(config);
            sqlite.setUrl(jdbcUrl);
            HikariDataSource pool = pool(description, List.of(), hikari -> {
                hikari.setDataSource(sqlite);
                hikari.setMaximumPoolSize(4);
            });
            return migrated(new LedgerDatabase(pool, Dialect.SQLITE, clock, false, description, pool, List.of(),
                    false), file);
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            // Taken apart before anything connects: pgjdbc reads no user info (and quotes the URL when it fails).
            LedgerUrl url = LedgerUrl.postgres(jdbcUrl, env);
            HikariDataSource pool = pool(url.describe(), url.secrets(), hikari -> {
                hikari.setJdbcUrl(url.jdbcUrl());
                if (url.user() != null) {
                    hikari.setUsername(url.user());
                }
                if (url.password() != null) {
                    hikari.setPassword(url.password());
                }
                hikari.setMaximumPoolSize(8);
                // pgjdbc waits forever by default: a server that accepts the connection and never answers (a
                // proxy, a hung host) would hang a cron run. Defaults only: the URL's own parameters win.
                hikari.addDataSourceProperty("connectTimeout", "10");
                hikari.addDataSourceProperty("loginTimeout", Integer.toString(LOGIN_TIMEOUT_SECONDS));
                hikari.addDataSourceProperty("socketTimeout", "120");
            });
            return migrated(new LedgerDatabase(pool, Dialect.POSTGRESQL, clock, true, url.describe(), pool,
                    url.secrets(), false), null);
        }
        throw new ExportLedgerException("the ledger must be jdbc:sqlite:<file>, jdbc:postgresql://… or none, not "
                + LedgerUrl.redact(jdbcUrl, List.of()), null, false);
    }

    /**
     * Uses a host application's own pool (SQLite or PostgreSQL, told apart by the driver) and migrates its schema.
     * The host keeps the pool: {@link #close()} leaves it open. An SQLite pool must hand out sqlite-jdbc connections
     * to a file database; WAL mode is turned on, and each ledger transaction takes the write lock when it begins
     * and waits up to 30 s for another process's lock (the connection's own settings are restored afterwards).
     *
     * @param dataSource the host's data source
     * @param clock      the clock of an SQLite ledger (PostgreSQL uses the server's)
     * @return the ledger database
     * @throws ExportLedgerException if the database is neither SQLite nor PostgreSQL, an SQLite one is unfit for
     *                               the ledger (the message says what it needs), or it cannot be migrated
     */
    public static LedgerDatabase of(DataSource dataSource, Clock clock) {
        Objects.requireNonNull(dataSource, "dataSource");
        Dialect dialect;
        String description;
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName();
            description = LedgerUrl.redact(String.valueOf(c.getMetaData().getURL()), List.of());
            try {
                dialect = Dialect.of(product);
            } catch (IllegalArgumentException e) {
                throw new ExportLedgerException(e.getMessage(), null, false);
            }
            String unfit = dialect == Dialect.SQLITE ? SqliteFiles.unfitHostConnection(c) : null;
            if (unfit != null) {
                throw new ExportLedgerException("the host's SQLite data source " + description + " cannot hold the "
                        + "ledger: " + unfit, null, false);
            }
        } catch (SQLException e) {
            throw new ExportLedgerException("cannot connect to the ledger's data source: "
                    + LedgerUrl.scrub(e.getMessage(), List.of()), e, false);
        }
        return migrated(new LedgerDatabase(dataSource, dialect, clock, dialect == Dialect.POSTGRESQL, description,
                null, List.of(), dialect == Dialect.SQLITE), null);
    }

    /**
     * @return the same database read on a given clock, also for PostgreSQL (tests that move time by hand)
     * @param clock the clock
     */
    public LedgerDatabase onClock(Clock clock) {
        return new LedgerDatabase(dataSource, dialect, clock, false, description, null, secrets, hostSqlite);
    }

    private static HikariDataSource pool(String description, List<String> secrets,
                                         java.util.function.Consumer<HikariConfig> setup) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("cometly-ledger");
        config.setMinimumIdle(1);
        setup.accept(config);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new ExportLedgerException("cannot open the ledger " + description + ": "
                    + LedgerUrl.scrub(rootMessage(e), secrets), null, false);
        }
    }

    private static LedgerDatabase migrated(LedgerDatabase db, Path sqliteFile) {
        try {
            Flyway flyway = Flyway.configure(LedgerDatabase.class.getClassLoader()).dataSource(db.dataSource)
                    .locations("classpath:db/ledger").table("ledger_schema_history")
                    .placeholders(Map.of("id_column", db.dialect.idColumn()))
                    // Through SLF4J, like the rest of the library (left to itself Flyway may pick java.util.logging).
                    .loggers("slf4j").load();
            if (sqliteFile == null) {
                // PostgreSQL: Flyway serialises concurrent migrations with an advisory lock.
                flyway.migrate();
            } else {
                // SQLite has no such lock: threads and processes starting together on a new file take turns.
                SqliteFiles.migrateAlone(sqliteFile, flyway::migrate);
            }
            return db;
        } catch (IOException | RuntimeException e) {
            db.close();
            // The cause is left out: a driver's exception may quote the URL or password it was given.
            throw new ExportLedgerException("cannot migrate the ledger " + db.description + ": "
                    + LedgerUrl.scrub(rootMessage(e), db.secrets), null, false);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** @return this process's clock (the one it was opened with), for how long to keep trying */
    Clock localClock() {
        return clock;
    }

    Dialect dialect() {
        return dialect;
    }

    /** Runs one transaction and commits it; rolls back on any failure. */
    <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            SqliteFiles.Saved saved = hostSqlite ? SqliteFiles.prepareHostConnection(c) : null;
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
                if (saved != null) {
                    saved.restore();
                }
            }
        } catch (SQLException e) {
            throw new ExportLedgerException("ledger " + description + ": " + LedgerUrl.scrub(e.getMessage(), secrets),
                    null, false);
        }
    }

    /** @return now, on the ledger's one clock (inside a transaction: read on its connection) */
    Instant now(Connection c) throws SQLException {
        if (!databaseClock) {
            return clock.instant();
        }
        try (PreparedStatement s = c.prepareStatement("SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT");
             ResultSet r = s.executeQuery()) {
            r.next();
            return Instant.ofEpochMilli(r.getLong(1));
        }
    }

    /** One unit of work on a connection inside a transaction. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** @return where the ledger is, without a password */
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception ignored) {
                // Closing a pool is best effort.
            }
        }
    }

    @Override
    public String toString() {
        return "LedgerDatabase[" + description + "]";
    }
}
