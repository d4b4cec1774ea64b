package io.github.cometlyexport.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.domain.DayKey;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.RateLimit;
import io.github.cometlyexport.port.driven.DayLease;
import io.github.cometlyexport.port.driven.ExportLedgerException;
import io.github.cometlyexport.port.driven.RequestBudget;
import io.github.cometlyexport.testing.FakeSleeps;
import io.github.cometlyexport.testing.SteppingClock;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * An SQLite ledger that fails for a while (a host's data source that refuses connections), several opened at once
 * on one new file, and a host's own SQLite data source without the settings claims need.
 */
class SqliteLedgerFaultsTest {
    private static final Duration TTL = Duration.ofSeconds(60);
    private final SteppingClock clock = new SteppingClock(Instant.parse("2024-02-01T10:00:00Z"));
    private final FakeSleeps sleeps = new FakeSleeps(clock::advance);
    private final List<AutoCloseable> closing = new ArrayList<>();
    @TempDir
    Path dir;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        closing.add(c);
        return c;
    }

    /** A host's plain sqlite-jdbc data source on a file: none of the ledger's own settings. */
    private SQLiteDataSource hostSqlite() {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + dir.resolve("host.db"));
        return ds;
    }

    private static DayKey day() {
        return TrackExportDaysPortContract.day("2024-01-15");
    }

    @Test
    void givenLedgerDownForAWhile_whenAJobIsRecorded_thenItIsTriedAgainWithBackoffUntilRecorded() {
        FlakyDataSource flaky = new FlakyDataSource(hostSqlite());
        LedgerDatabase db = closing(LedgerDatabase.of(flaky, clock));
        JdbcLedgerAdapter ledger = closing(new JdbcLedgerAdapter(db, TTL, "me", sleeps::sleep));
        DayLease lease = ledger.claim(day()).orElseThrow();
        flaky.failNext.set(3);

        lease.recordJob(new ExportJobId(4711), 1, false);

        assertThat(ledger.read(day()).orElseThrow().exportId()).isEqualTo(new ExportJobId(4711));
        assertThat(sleeps.all()).hasSize(3);
        assertThat(sleeps.all().get(1)).isGreaterThan(sleeps.all().get(0));
        assertThat(sleeps.total()).isLessThan(TTL.dividedBy(2));
    }

    @Test
    void givenLedgerDownForGood_whenAJobIsRecorded_thenTheMessageSaysHowToDownloadTheJob() {
        FlakyDataSource flaky = new FlakyDataSource(hostSqlite());
        LedgerDatabase db = closing(LedgerDatabase.of(flaky, clock));
        JdbcLedgerAdapter ledger = closing(new JdbcLedgerAdapter(db, TTL, "me", sleeps::sleep));
        DayLease lease = ledger.claim(day()).orElseThrow();
        flaky.failNext.set(-1);

        assertThatThrownBy(() -> lease.recordJob(new ExportJobId(4711), 1, false))
                .isInstanceOfSatisfying(ExportLedgerException.class, e -> assertThat(e.getMessage())
                        .contains("job 4711 of events 2024-01-15 was created but could not be recorded")
                        .contains("`cometly-export download 4711 --date 2024-01-15 --out /data/out` stores it"));
        // Tried within the lease only: after it another process may take the day over.
        assertThat(sleeps.total()).isLessThanOrEqualTo(TTL.dividedBy(2)).isGreaterThan(Duration.ofSeconds(5));
    }

    @Test
    void givenLedgerDownWhenAnAnswerArrives_whenTheBudgetNotesIt_thenNothingThrowsAndTheAnswerIsCountedLater() {
        FlakyDataSource flaky = new FlakyDataSource(hostSqlite());
        LedgerDatabase db = closing(LedgerDatabase.of(flaky, clock));
        RequestBudget budget = new JdbcRequestBudget(db, "space", "create", RateLimit.bursting(5,
                Duration.ofSeconds(60)), sleeps::sleep);
        RequestBudget.Permit probe = budget.acquire();
        flaky.failNext.set(2);
        assertThatCode(() -> budget.observeRemaining(4, Duration.ofSeconds(30))).doesNotThrowAnyException();
        assertThatCode(probe::settle).doesNotThrowAnyException();

        // The probe's answer is counted by the next grant: nobody waits a whole window for it.
        budget.acquire().settle();
        assertThat(sleeps.total()).isZero();
    }

    @Test
    void givenFourExportersAtOnce_whenTheyOpenOneNewSqliteFile_thenEveryOneOpensIt() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("new/ledger.db");
        int n = 4;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<LedgerDatabase>> opened = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                opened.add(pool.submit((Callable<LedgerDatabase>) () -> {
                    go.await();
                    return LedgerDatabase.open(url, Map.of(), clock);
                }));
            }
            go.countDown();
            for (Future<LedgerDatabase> f : opened) {
                LedgerDatabase db = closing(f.get());
                assertThat(new JdbcLedgerAdapter(db, TTL, "x").read(day())).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void givenHostSqliteWithoutSettings_whenUsed_thenWalIsOnAndEachTransactionBeginsImmediateAndWaits()
            throws Exception {
        SQLiteDataSource host = hostSqlite();
        LedgerDatabase db = closing(LedgerDatabase.of(host, clock));
        db.inTransaction(c -> {
            SQLiteConnection sqlite = c.unwrap(SQLiteConnection.class);
            assertThat(sqlite.getConnectionConfig().getTransactionMode())
                    .isEqualTo(SQLiteConfig.TransactionMode.IMMEDIATE);
            assertThat(sqlite.getBusyTimeout()).isGreaterThanOrEqualTo(30_000);
            return null;
        });
        try (var c = host.getConnection(); Statement s = c.createStatement();
             var r = s.executeQuery("PRAGMA journal_mode")) {
            r.next();
            assertThat(r.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void givenHostSqliteInMemory_whenUsed_thenRefusedSayingWhatTheLedgerNeeds() {
        SQLiteDataSource memory = new SQLiteDataSource();
        memory.setUrl("jdbc:sqlite::memory:");
        assertThatThrownBy(() -> LedgerDatabase.of(memory, clock))
                .isInstanceOfSatisfying(ExportLedgerException.class, e -> assertThat(e.getMessage())
                        .contains("WAL"));
    }
}
