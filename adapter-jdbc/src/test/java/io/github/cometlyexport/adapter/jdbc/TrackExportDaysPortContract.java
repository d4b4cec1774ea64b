package io.github.cometlyexport.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.domain.DayKey;
import io.github.cometlyexport.domain.DayRecord;
import io.github.cometlyexport.domain.DayState;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.domain.TableDefinition;
import io.github.cometlyexport.port.driven.DayLease;
import io.github.cometlyexport.port.driven.ExportLedgerException;
import io.github.cometlyexport.testing.SteppingClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every ledger promises, held against SQLite and PostgreSQL alike: one holder per day, records only by the
 * holder, take-over after expiry with the dead holder's job kept, and reads and lists of what was recorded. Two
 * adapters on one database stand for two processes.
 */
abstract class TrackExportDaysPortContract {
    static final Duration TTL = Duration.ofSeconds(60);
    final SteppingClock clock = new SteppingClock(Instant.parse("2024-02-01T10:00:00Z"));
    private LedgerDatabase db;
    JdbcLedgerAdapter a;
    JdbcLedgerAdapter b;

    /** @return a new, empty ledger database on this test's clock */
    abstract LedgerDatabase newDatabase();

    @BeforeEach
    void open() {
        db = newDatabase();
        a = new JdbcLedgerAdapter(db, TTL, "host-a:1:aaaa");
        b = new JdbcLedgerAdapter(db, TTL, "host-b:2:bbbb");
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
        db.close();
    }

    static DayKey day(String date) {
        return DayKey.of("https://api.test key:abc", "/data/out", new TableDefinition("events",
                Map.of("event_names", List.of("purchase"))), LocalDate.parse(date));
    }

    static StoredExport stored(long id, String date) {
        ExportRequest request = ExportRequest.builder().date(date).build();
        return new StoredExport(new ExportManifest(new ExportJobId(id), LocalDate.parse(date), request, 10,
                "a".repeat(64), 1, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null, 1, false),
                "/data/out/events/date=" + date + "/events-" + date + ".ndjson.gz");
    }

    @Test
    void givenFreeDay_whenClaimed_thenHeldByTheClaimerWithNothingRecordedYet() {
        DayLease lease = a.claim(day("2024-01-15")).orElseThrow();
        assertThat(lease.claimed().state()).isEqualTo(DayState.CLAIMED);
        assertThat(lease.claimed().exportId()).isNull();
        assertThat(a.read(day("2024-01-15")).orElseThrow()).satisfies(r -> {
            assertThat(r.holder()).isEqualTo("host-a:1:aaaa");
            assertThat(r.leaseExpiresAt()).isEqualTo(clock.instant().plus(TTL));
        });
    }

    @Test
    void givenDayHeld_whenAnotherProcessClaims_thenRefusedUntilReleased() {
        DayLease lease = a.claim(day("2024-01-15")).orElseThrow();
        assertThat(b.claim(day("2024-01-15"))).isEmpty();
        lease.close();
        assertThat(b.claim(day("2024-01-15"))).isPresent();
    }

    @Test
    void givenDayHeldByThisProcess_whenClaimedAgain_thenHeldUntilReleased() {
        DayLease lease = a.claim(day("2024-01-15")).orElseThrow();
        // Another thread of the same process: a second lease would let it create a second job for the day.
        assertThat(a.claim(day("2024-01-15"))).isEmpty();
        lease.close();
        assertThat(a.claim(day("2024-01-15"))).isPresent();
    }

    @Test
    void givenJobRecordedAndHolderGone_whenClaimedAgain_thenTheJobIsThereToResume() {
        DayLease lease = a.claim(day("2024-01-15")).orElseThrow();
        lease.recordJob(new ExportJobId(4711), 1, false);
        lease.recordState(DayState.PROCESSING);
        lease.close();
        DayRecord claimed = b.claim(day("2024-01-15")).orElseThrow().claimed();
        assertThat(claimed.exportId()).isEqualTo(new ExportJobId(4711));
        assertThat(claimed.state()).isEqualTo(DayState.PROCESSING);
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(claimed.resumableJob(true)).contains(new ExportJobId(4711));
    }

    @Test
    void givenHolderThatStopsRenewing_whenItsLeaseExpires_thenAnotherTakesOverAndTheOldHolderCannotRecord() {
        a.close(); // no renewals from here: a stopped process
        DayLease stale = a.claim(day("2024-01-15")).orElseThrow();
        stale.recordJob(new ExportJobId(1), 1, false);
        clock.advance(TTL.minusSeconds(1));
        assertThat(b.claim(day("2024-01-15"))).as("lease not expired yet").isEmpty();
        clock.advance(Duration.ofSeconds(2));
        DayLease taken = b.claim(day("2024-01-15")).orElseThrow();
        assertThat(taken.claimed().exportId()).as("the dead holder's job").isEqualTo(new ExportJobId(1));

        assertThatThrownBy(() -> stale.recordStored(stored(1, "2024-01-15")))
                .isInstanceOfSatisfying(ExportLedgerException.class, e -> {
                    assertThat(e.leaseLost()).isTrue();
                    assertThat(e.getMessage()).contains("host-b:2:bbbb");
                });
        assertThatThrownBy(stale::confirm).isInstanceOf(ExportLedgerException.class);
        stale.close();
        assertThat(a.read(day("2024-01-15")).orElseThrow()).satisfies(r -> {
            assertThat(r.holder()).isEqualTo("host-b:2:bbbb");
            assertThat(r.state()).isNotEqualTo(DayState.STORED);
        });
        taken.recordStored(stored(1, "2024-01-15"));
        assertThat(a.read(day("2024-01-15")).orElseThrow().state()).isEqualTo(DayState.STORED);
    }

    @Test
    void givenRecordWithinTheLease_whenRecorded_thenTheLeaseIsExtended() {
        a.close();
        DayLease lease = a.claim(day("2024-01-15")).orElseThrow();
        clock.advance(TTL.minusSeconds(5));
        lease.confirm();
        clock.advance(Duration.ofSeconds(10));
        assertThat(b.claim(day("2024-01-15"))).as("renewed by the confirm").isEmpty();
    }

    @Test
    void givenStoredDay_whenRead_thenLocationAndShaAreKnown() {
        DayLease lease = a.claim(day("2024-01-15")).orElseThrow();
        lease.recordJob(new ExportJobId(9), 2, false);
        lease.recordStored(stored(9, "2024-01-15"));
        lease.close();
        assertThat(b.read(day("2024-01-15")).orElseThrow()).satisfies(r -> {
            assertThat(r.state()).isEqualTo(DayState.STORED);
            assertThat(r.location()).endsWith("events-2024-01-15.ndjson.gz");
            assertThat(r.sha256()).isEqualTo("a".repeat(64));
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(r.holder()).isNull();
        });
    }

    @Test
    void givenRecordsOfSeveralDays_whenListed_thenByDayWithinTheRangeAndDataset() {
        for (String d : List.of("2024-01-17", "2024-01-15", "2024-01-16", "2024-01-20")) {
            a.claim(day(d)).orElseThrow().close();
        }
        assertThat(b.list(LocalDate.parse("2024-01-15"), LocalDate.parse("2024-01-17"), "events"))
                .extracting(r -> r.key().day().toString()).containsExactly("2024-01-15", "2024-01-16", "2024-01-17");
        assertThat(b.list(null, null, "contacts")).isEmpty();
        assertThat(b.list(null, null, null)).hasSize(4);
        assertThat(b.read(day("2024-01-18"))).isEmpty();
    }

    @Test
    void givenManyThreadsOfTwoProcesses_whenTheyClaimOneDayAtOnce_thenOnlyOneProcessHoldsIt() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<String>> claims = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                JdbcLedgerAdapter who = i % 2 == 0 ? a : b;
                claims.add(pool.submit(() -> {
                    go.await();
                    // The leases stay open: each granted one is a thread that would create a job.
                    return who.claim(day("2024-01-15")).map(l -> who.holder()).orElse(null);
                }));
            }
            go.countDown();
            List<String> winners = new ArrayList<>();
            for (Future<String> f : claims) {
                if (f.get() != null) {
                    winners.add(f.get());
                }
            }
            // One lease in all: neither two processes nor two threads of one process both hold the day.
            assertThat(winners).hasSize(1);
            assertThat(a.read(day("2024-01-15")).orElseThrow().holder()).isEqualTo(winners.iterator().next());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void givenLedgerAlreadyMigrated_whenOpenedAgain_thenNothingFailsAndRecordsStay() {
        a.claim(day("2024-01-15")).orElseThrow().recordJob(new ExportJobId(3), 1, false);
        try (LedgerDatabase again = reopen()) {
            assertThat(new JdbcLedgerAdapter(again, TTL, "c").read(day("2024-01-15")).orElseThrow().exportId())
                    .isEqualTo(new ExportJobId(3));
        }
    }

    /** @return the same database opened a second time, as another process would */
    abstract LedgerDatabase reopen();
}
