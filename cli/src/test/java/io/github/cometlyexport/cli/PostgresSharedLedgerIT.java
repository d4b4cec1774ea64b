package io.github.cometlyexport.cli;

import io.github.cometlyexport.testing.PostgresServer;

/** {@link SharedLedgerIT} on PostgreSQL (embedded, on loopback): processes as if on several hosts. */
class PostgresSharedLedgerIT extends SharedLedgerIT {
    private final PostgresServer server = PostgresServer.shared();

    @Override
    String newLedgerUrl() {
        return server.jdbcUrl(server.newDatabase());
    }
}
