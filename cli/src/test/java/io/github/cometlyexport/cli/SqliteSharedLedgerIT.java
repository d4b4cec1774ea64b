package io.github.cometlyexport.cli;

/** {@link SharedLedgerIT} on one SQLite file: several processes of one host. */
class SqliteSharedLedgerIT extends SharedLedgerIT {
    @Override
    String newLedgerUrl() {
        return "jdbc:sqlite:" + dir.resolve("state/ledger.db");
    }
}
