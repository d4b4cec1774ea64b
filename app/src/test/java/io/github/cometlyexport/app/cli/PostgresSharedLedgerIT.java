package io.github.cometlyexport.app.cli;

import io.github.cometlyexport.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link SharedLedgerIT} on PostgreSQL (embedded, on loopback): processes as if on several hosts. */
class PostgresSharedLedgerIT extends SharedLedgerIT {
    private static PostgresServer server;

    @BeforeAll
    static void start() {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    String newLedgerUrl() {
        return server.jdbcUrl(server.newDatabase());
    }
}
