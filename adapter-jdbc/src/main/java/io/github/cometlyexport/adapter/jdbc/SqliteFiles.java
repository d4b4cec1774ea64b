package io.github.cometlyexport.adapter.jdbc;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * What an SQLite ledger needs besides its pool: migrations that take turns (threads of this JVM and other processes
 * alike), and, on a host's own connections, the settings that make claims safe (a busy timeout; transactions that
 * take the write lock when they begin), applied for the length of each transaction.
 */
final class SqliteFiles {
    /** How long an SQLite writer waits for another process's write lock before failing. */
    static final int BUSY_TIMEOUT_MS = 30_000;

    /**
     * One lock per canonical database file, for this JVM's migrations. Static on purpose: two pools of one JVM
     * (two {@code CometlyExport}s, built at once) know nothing of each other, yet a {@link FileLock} is held per JVM,
     * so a second thread asking for it gets an {@code OverlappingFileLockException} instead of waiting. This holds
     * only locks (never budgets or other state), one per ledger file the JVM opened.
     */
    private static final ConcurrentMap<Path, ReentrantLock> MIGRATING = new ConcurrentHashMap<>();

    private SqliteFiles() {
    }

    /** Work on the database that must not run while another thread or process migrates it. */
    @FunctionalInterface
    interface Migration {
        void run();
    }

    /**
     * Runs a migration while holding the file's lock: first this JVM's lock of the canonical path, then a lock file
     * beside it for other processes.
     *
     * @param file the database file (its folder exists)
     * @throws IOException if the lock file cannot be opened or locked
     */
    static void migrateAlone(Path file, Migration migration) throws IOException {
        Path canonical = canonical(file);
        ReentrantLock inJvm = MIGRATING.computeIfAbsent(canonical, p -> new ReentrantLock());
        inJvm.lock();
        try {
            Path lockFile = canonical.resolveSibling(canonical.getFileName() + ".migrate-lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                migration.run();
            }
        } finally {
            inJvm.unlock();
        }
    }

    /** @return the file's path with its folder's links resolved (the file itself may not exist yet) */
    static Path canonical(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.exists(absolute)) {
            return absolute.toRealPath();
        }
        Path folder = absolute.getParent();
        return folder == null ? absolute : folder.toRealPath().resolve(absolute.getFileName());
    }

    /**
     * Checks a host's SQLite connection once: it must be sqlite-jdbc's (so that its settings can be applied per
     * transaction) and the database must be in WAL mode (turned on here when it is not; an in-memory database, or
     * one on a file system without shared memory, cannot be, and cannot be shared by processes either).
     *
     * @return {@code null} when fit, or else what is wrong
     */
    static String unfitHostConnection(Connection c) throws SQLException {
        if (!c.isWrapperFor(SQLiteConnection.class)) {
            return "its connections must be sqlite-jdbc's (Connection.unwrap(org.sqlite.SQLiteConnection.class)), so "
                    + "that each ledger transaction can take the write lock when it begins";
        }
        try (Statement s = c.createStatement(); var r = s.executeQuery("PRAGMA journal_mode=WAL")) {
            String mode = r.next() ? r.getString(1) : "unknown";
            if (!"wal".equalsIgnoreCase(mode)) {
                return "the database must be a file in WAL mode (PRAGMA journal_mode=WAL answered " + mode + ")";
            }
        }
        return null;
    }

    /** A host connection's own settings, put back when the ledger's transaction is over. */
    record Saved(SQLiteConnection connection, SQLiteConfig.TransactionMode mode, int busyTimeout) {
        void restore() throws SQLException {
            connection.getConnectionConfig().setTransactionMode(mode);
            connection.setBusyTimeout(busyTimeout);
        }
    }

    /**
     * Before a ledger transaction on a host's connection: the transaction takes the write lock when it begins (so
     * that two processes can never both see a day free and both claim it), and waits at least
     * {@link #BUSY_TIMEOUT_MS} for another process's lock instead of failing at once.
     *
     * @return what to restore afterwards
     */
    static Saved prepareHostConnection(Connection c) throws SQLException {
        SQLiteConnection sqlite = c.unwrap(SQLiteConnection.class);
        Saved saved = new Saved(sqlite, sqlite.getConnectionConfig().getTransactionMode(),
                sqlite.getBusyTimeout());
        // The mode the next BEGIN uses (setAutoCommit(false) issues it).
        sqlite.getConnectionConfig().setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        if (saved.busyTimeout() < BUSY_TIMEOUT_MS) {
            sqlite.setBusyTimeout(BUSY_TIMEOUT_MS);
        }
        return saved;
    }
}
