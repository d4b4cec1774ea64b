package io.github.cometlyexport.adapter.jdbc;

import io.github.cometlyexport.testing.PostgresServer;
import java.util.Map;

/** The shared budget on a real PostgreSQL (embedded). */
class PostgresRequestBudgetIT extends SharedRequestBudgetContract {
    private final PostgresServer server = PostgresServer.shared();

    @Override
    LedgerDatabase newDatabase() {
        // The test moves time by hand; in production PostgreSQL's own clock is used.
        return LedgerDatabase.open(server.jdbcUrl(server.newDatabase()), Map.of(), clock).onClock(clock);
    }
}
