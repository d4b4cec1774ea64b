package io.github.cometlyexport.adapter.jdbc;

import io.github.cometlyexport.testing.PostgresServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared budget on a real PostgreSQL (embedded). */
class PostgresRequestBudgetIT extends SharedRequestBudgetContract {
    private static PostgresServer server;

    @BeforeAll
    static void start() {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    LedgerDatabase newDatabase() {
        // The test moves time by hand; in production PostgreSQL's own clock is used.
        return LedgerDatabase.open(server.jdbcUrl(server.newDatabase()), Map.of(), clock).onClock(clock);
    }
}
