package io.github.cometlyexport.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger contract on a real SQLite file, created with its folder on first use. */
class SqliteLedgerTest extends TrackExportDaysPortContract {
    @TempDir
    Path dir;

    private String url() {
        return "jdbc:sqlite:" + dir.resolve("state/cometly-export/ledger.db");
    }

    @Override
    LedgerDatabase newDatabase() {
        return LedgerDatabase.open(url(), Map.of(), clock);
    }

    @Override
    LedgerDatabase reopen() {
        return LedgerDatabase.open(url(), Map.of(), clock);
    }

    @Test
    void givenNoFolderYet_whenOpened_thenTheFileAndItsFolderAreCreated() {
        assertThat(Files.isRegularFile(dir.resolve("state/cometly-export/ledger.db"))).isTrue();
    }
}
