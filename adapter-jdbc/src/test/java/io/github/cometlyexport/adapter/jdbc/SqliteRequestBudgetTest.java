package io.github.cometlyexport.adapter.jdbc;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The shared budget on a real SQLite file. */
class SqliteRequestBudgetTest extends SharedRequestBudgetContract {
    @TempDir
    Path dir;

    @Override
    LedgerDatabase newDatabase() {
        return LedgerDatabase.open("jdbc:sqlite:" + dir.resolve("ledger.db"), Map.of(), clock);
    }
}
