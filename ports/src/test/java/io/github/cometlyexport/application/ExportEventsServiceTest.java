package io.github.cometlyexport.application;

import io.github.cometlyexport.simulator.SimulatorClocks;
import io.github.cometlyexport.testing.FakeSleeps;

import static io.github.cometlyexport.domain.ExportJob.Kind.COMPLETED;
import static io.github.cometlyexport.domain.ExportJob.Kind.FAILED;
import static io.github.cometlyexport.domain.ExportJob.Kind.PROCESSING;
import static io.github.cometlyexport.domain.ExportJob.Kind.QUEUED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.domain.DayClosure;
import io.github.cometlyexport.domain.DayKey;
import io.github.cometlyexport.domain.DayRecord;
import io.github.cometlyexport.domain.DayState;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.TableDefinition;
import io.github.cometlyexport.domain.DownloadPolicy;
import io.github.cometlyexport.domain.ExportPolicies;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.PollingPolicy;
import io.github.cometlyexport.domain.ReplacementPolicy;
import io.github.cometlyexport.port.driving.ExportEventsCommand;
import io.github.cometlyexport.port.driving.ExportOutcome;
import io.github.cometlyexport.port.driven.ExportApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExportEventsServiceTest {
    /** The Space's days end at midnight UTC and settle for 2 h: 2024-01-15 is closed from 2024-01-16T02:00Z. */
    static final DayClosure UTC_DAYS = new DayClosure(java.time.ZoneOffset.UTC, Duration.ofHours(2));
    private final SimulatorClocks.Steppable clock = SimulatorClocks.steppable(Instant.parse("2024-01-16T06:00:00Z"));
    private final FakeSleeps sleeper = new FakeSleeps(clock::advance);
    private final FakeCometly cometly = new FakeCometly(clock);
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryLedger ledger = new InMemoryLedger(clock);
    private final ExportEventsService service = service(PollingPolicy.defaults(), 3);
    private final ExportRequest request = ExportRequest.builder().date("2024-01-15")
            .eventNames(List.of("purchase")).build();
    private final byte[] file = ExportFiles.gzipEvents(300, 1);

    private ExportEventsService service(PollingPolicy polling, int maxAttempts) {
        return new ExportEventsService(cometly, cometly, cometly, store, new ShapeOnlyLines(),
                new ExportPolicies(polling, new ReplacementPolicy(maxAttempts, Duration.ofSeconds(10)),
                        DownloadPolicy.defaults(), UTC_DAYS), clock, sleeper::sleep, new SplittableRandom(5),
                new LedgerScope(ledger, "space", "dest"));
    }

    private ExportOutcome export(int maxAttempts) {
        return service(PollingPolicy.defaults(), maxAttempts).export(ExportEventsCommand.of(request));
    }

    @Test
    void givenHealthyJob_whenExported_thenOneJobCreatedAwaitedAndStored() {
        cometly.onCreate(file, QUEUED, PROCESSING, COMPLETED);
        ExportOutcome outcome = export(3);
        assertThat(outcome).isInstanceOfSatisfying(ExportOutcome.Stored.class, s -> {
            assertThat(s.attempts()).isEqualTo(1);
            assertThat(s.alreadyStored()).isFalse();
            assertThat(s.stored().manifest().request()).isEqualTo(request);
            assertThat(s.stored().manifest().events()).isEqualTo(300);
        });
        assertThat(cometly.creates).containsExactly(request);
    }

    @Test
    void givenFailedJobs_whenReplacementsRemain_thenReplacedUntilOneCompletes() {
        cometly.onCreate(file, QUEUED, FAILED);
        cometly.onCreate(file, PROCESSING, FAILED);
        cometly.onCreate(file, COMPLETED);
        ExportOutcome outcome = export(3);
        assertThat(outcome).isInstanceOfSatisfying(ExportOutcome.Stored.class,
                s -> assertThat(s.attempts()).isEqualTo(3));
        assertThat(cometly.creates).hasSize(3);
        // Each replacement waits the policy's pause after its job failed.
        assertThat(Duration.between(cometly.createTimes.get(0), cometly.createTimes.get(1)))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(Duration.between(cometly.createTimes.get(1), cometly.createTimes.get(2)))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void givenJobsThatKeepFailing_whenLimitReached_thenJobFailedAfterExactlyTheLimit() {
        for (int i = 0; i < 5; i++) {
            cometly.onCreate(file, FAILED);
        }
        ExportOutcome outcome = export(2);
        assertThat(outcome).isInstanceOfSatisfying(ExportOutcome.JobFailed.class, f -> {
            assertThat(f.attempts()).isEqualTo(2);
            assertThat(f.lastJob().message()).isEqualTo("Export failed");
        });
        assertThat(cometly.creates).hasSize(2);
        assertThat(store.published).isEmpty();
    }

    @Test
    void givenVerifiedResultStored_whenExportedAgain_thenSkippedWithoutCreatingAJob() {
        cometly.onCreate(file, COMPLETED);
        export(3);
        ExportOutcome again = export(3);
        assertThat(again).isInstanceOfSatisfying(ExportOutcome.Stored.class, s -> {
            assertThat(s.alreadyStored()).isTrue();
            assertThat(s.attempts()).isZero();
        });
        assertThat(cometly.creates).hasSize(1);
    }

    @Test
    void givenJobThatNeverLeavesQueued_whenExported_thenGaveUpWithoutReplacing() {
        cometly.onCreate(file, QUEUED);
        PollingPolicy quick = PollingPolicy.defaults().withTimeout(Duration.ofMinutes(3));
        ExportOutcome outcome = service(quick, 3).export(ExportEventsCommand.of(request));
        assertThat(outcome).isInstanceOf(ExportOutcome.GaveUp.class);
        assertThat(cometly.creates).hasSize(1);
    }

    private DayKey day() {
        return DayKey.of("space", "dest", TableDefinition.of(request), request.date());
    }

    @Test
    void givenNewJob_whenCreated_thenRecordedBeforeItIsAwaitedAndStoredAtTheEnd() {
        cometly.onCreate(file, QUEUED, COMPLETED);
        ExportOutcome outcome = export(3);
        assertThat(ledger.events).containsExactly("claim", "job 100 #1", "completed", "confirm", "stored",
                "release");
        assertThat(ledger.records.get(day())).satisfies(r -> {
            assertThat(r.state()).isEqualTo(DayState.STORED);
            assertThat(r.exportId()).isEqualTo(new ExportJobId(100));
            assertThat(r.holder()).isNull();
            assertThat(r.sha256()).isEqualTo(((ExportOutcome.Stored) outcome).stored().manifest().sha256());
        });
    }

    @Test
    void givenJobRecordedByAKilledRun_whenExported_thenItIsResumedAndNoJobIsCreated() {
        cometly.job(77, file, PROCESSING, COMPLETED);
        ledger.put(new DayRecord(day(), DayState.QUEUED, new ExportJobId(77), false, 1, null, null, null, null,
                clock.instant()));
        ExportOutcome outcome = export(3);
        assertThat(outcome).isInstanceOfSatisfying(ExportOutcome.Stored.class, s -> {
            assertThat(s.stored().manifest().exportId()).isEqualTo(new ExportJobId(77));
            assertThat(s.attempts()).isEqualTo(1);
        });
        assertThat(cometly.creates).isEmpty();
        assertThat(ledger.records.get(day()).attempts()).isEqualTo(2);
    }

    @Test
    void givenRecordedJobThatIsGone_whenExported_thenReplacedByOneNewJob() {
        cometly.onCreate(file, COMPLETED);
        ledger.put(new DayRecord(day(), DayState.PROCESSING, new ExportJobId(55), false, 1, null, null, null, null,
                clock.instant()));
        ExportOutcome outcome = export(1);
        assertThat(outcome).isInstanceOfSatisfying(ExportOutcome.Stored.class,
                s -> assertThat(s.stored().manifest().exportId()).isEqualTo(new ExportJobId(100)));
        assertThat(cometly.creates).hasSize(1);
        assertThat(cometly.fetches).startsWith(new ExportJobId(55));
    }

    @Test
    void givenRecordedJobThatFailed_whenExported_thenNotResumedButReplaced() {
        cometly.job(56, file, COMPLETED);
        cometly.onCreate(file, COMPLETED);
        ledger.put(new DayRecord(day(), DayState.FAILED, new ExportJobId(56), false, 1, null, null, null, null,
                clock.instant()));
        export(3);
        assertThat(cometly.fetches).doesNotContain(new ExportJobId(56));
        assertThat(cometly.creates).hasSize(1);
    }

    @Test
    void givenDayHeldByAnotherProcess_whenExported_thenNothingIsDoneAndTheHolderIsNamed() {
        ledger.put(new DayRecord(day(), DayState.QUEUED, new ExportJobId(9), false, 1, "host:42", clock.instant()
                .plusSeconds(60), null, null, clock.instant()));
        ExportOutcome outcome = export(3);
        assertThat(outcome).isInstanceOfSatisfying(ExportOutcome.HeldElsewhere.class,
                h -> assertThat(h.record().holder()).isEqualTo("host:42"));
        assertThat(cometly.creates).isEmpty();
        assertThat(cometly.fetches).isEmpty();
    }

    @Test
    void givenLeaseLostWhileDownloading_whenAboutToPublish_thenNothingIsPublishedAndTheDayIsHeldElsewhere() {
        cometly.onCreate(file, COMPLETED);
        ledger.takenOverBy = "other:7";
        assertThat(export(3)).isInstanceOfSatisfying(ExportOutcome.HeldElsewhere.class,
                h -> assertThat(h.record().holder()).isEqualTo("other:7"));
        assertThat(store.published).isEmpty();
        assertThat(ledger.records.get(day()).holder()).isEqualTo("other:7");
    }

    @Test
    void givenRefreshOfADayAnotherProcessRefreshedWhileThisOneWaited_whenClaimed_thenSkippedWithoutANewJob() {
        cometly.onCreate(file, COMPLETED);
        cometly.onCreate(file, COMPLETED);
        export(3);
        clock.advance(Duration.ofMinutes(5));
        ledger.beforeClaim = () -> {
            // The other process refreshes the day (a new job, the same bytes) while this one waits for the claim.
            ledger.beforeClaim = () -> { };
            clock.advance(Duration.ofMinutes(1));
            assertThat(refresh(request)).isInstanceOfSatisfying(ExportOutcome.Stored.class,
                    s -> assertThat(s.alreadyStored()).isFalse());
            clock.advance(Duration.ofMinutes(1));
        };
        ExportOutcome outcome = refresh(request);
        assertThat(outcome).isInstanceOfSatisfying(ExportOutcome.Stored.class,
                s -> assertThat(s.alreadyStored()).isTrue());
        assertThat(cometly.creates).hasSize(2);
    }

    private ExportOutcome refresh(ExportRequest what) {
        return service(PollingPolicy.defaults(), 3).export(new ExportEventsCommand(what,
                ExportEventsCommand.Mode.REFRESH, null));
    }

    @Test
    void givenRefreshOfAStoredDay_whenTheLedgersClockMovesWhileItIsClaimed_thenANewJobReplacesIt() {
        cometly.onCreate(file, COMPLETED);
        cometly.onCreate(ExportFiles.gzipEvents(320, 2), COMPLETED);
        export(3);
        // A day later, and time passes while the claim is taken: the claim moves the record's update time.
        clock.advance(Duration.ofDays(1));
        ledger.beforeClaim = () -> clock.advance(Duration.ofSeconds(1));
        ExportOutcome outcome = refresh(request);
        assertThat(outcome).isInstanceOfSatisfying(ExportOutcome.Stored.class, s -> {
            assertThat(s.alreadyStored()).isFalse();
            assertThat(s.stored().manifest().exportId()).isEqualTo(new ExportJobId(101));
            assertThat(s.stored().manifest().events()).isEqualTo(320);
        });
        assertThat(cometly.creates).hasSize(2);
        assertThat(ledger.records.get(day()).exportId()).isEqualTo(new ExportJobId(101));
    }

    /** 2024-01-16 is still open at the test clock's 06:00Z: it closes at 2024-01-17T02:00Z. */
    private final ExportRequest openDay = ExportRequest.builder().date("2024-01-16").eventNames(List.of("purchase"))
            .build();

    private DayKey openDayKey() {
        return DayKey.of("space", "dest", TableDefinition.of(openDay), openDay.date());
    }

    private ExportOutcome partialThatTimesOut() {
        cometly.onCreate(file, QUEUED);
        ExportOutcome outcome = service(PollingPolicy.defaults().withTimeout(Duration.ofMinutes(3)), 3)
                .export(new ExportEventsCommand(openDay, ExportEventsCommand.Mode.PARTIAL, null));
        assertThat(outcome).isInstanceOf(ExportOutcome.GaveUp.class);
        assertThat(ledger.records.get(openDayKey())).satisfies(r -> {
            assertThat(r.exportId()).isEqualTo(new ExportJobId(100));
            assertThat(r.jobProvisional()).isTrue();
        });
        // The job completes later, with what had arrived while the day was open.
        FakeCometly.Job job = cometly.job(new ExportJobId(100));
        job.timeline.clear();
        job.timeline.add(COMPLETED);
        return outcome;
    }

    @Test
    void givenPartialExportThatTimedOut_whenExportedOnceTheDayClosed_thenItsJobIsReplacedAndTheFileIsFinal() {
        partialThatTimesOut();
        clock.advance(Duration.ofDays(1));
        cometly.onCreate(file, COMPLETED);
        ExportOutcome outcome = service(PollingPolicy.defaults(), 3).export(ExportEventsCommand.of(openDay));
        assertThat(outcome).isInstanceOfSatisfying(ExportOutcome.Stored.class, s -> {
            assertThat(s.stored().manifest().exportId()).isEqualTo(new ExportJobId(101));
            assertThat(s.stored().manifest().provisional()).isFalse();
        });
        assertThat(cometly.creates).hasSize(2);
        assertThat(ledger.records.get(openDayKey()).jobProvisional()).isFalse();
    }

    @Test
    void givenPartialExportThatTimedOut_whenExportedPartiallyAgainWhileOpen_thenItsJobIsResumedAsProvisional() {
        partialThatTimesOut();
        clock.advance(Duration.ofHours(1));
        ExportOutcome outcome = service(PollingPolicy.defaults(), 3)
                .export(new ExportEventsCommand(openDay, ExportEventsCommand.Mode.PARTIAL, null));
        assertThat(outcome).isInstanceOfSatisfying(ExportOutcome.Stored.class, s -> {
            assertThat(s.stored().manifest().exportId()).isEqualTo(new ExportJobId(100));
            assertThat(s.stored().manifest().provisional()).isTrue();
        });
        assertThat(cometly.creates).hasSize(1);
    }

    @Test
    void givenJobCreatedWhileTheDayWasOpen_whenTheDayClosesDuringTheWait_thenItsFileIsStoredAsProvisional() {
        // Closes at 2024-01-17T02:00Z; the job is created at 01:59:58 and completes after a few polls, past 02:00.
        clock.advance(Duration.ofHours(19).plusMinutes(59).plusSeconds(58));
        cometly.onCreate(file, QUEUED, QUEUED, QUEUED, PROCESSING, COMPLETED);
        ExportOutcome outcome = service(PollingPolicy.defaults(), 3)
                .export(new ExportEventsCommand(openDay, ExportEventsCommand.Mode.PARTIAL, null));
        assertThat(clock.instant()).isAfter(Instant.parse("2024-01-17T02:00:00Z"));
        assertThat(outcome).isInstanceOfSatisfying(ExportOutcome.Stored.class,
                s -> assertThat(s.stored().manifest().provisional()).isTrue());
    }

    @Test
    void givenCompletedJobWhoseFileIsGone_whenExported_thenReplacedInTheSameRunAndCountedAsAnAttempt() {
        cometly.onCreateWithFileGone(QUEUED, COMPLETED);
        cometly.onCreate(file, COMPLETED);
        ExportOutcome outcome = export(3);
        assertThat(outcome).isInstanceOfSatisfying(ExportOutcome.Stored.class, s -> {
            assertThat(s.stored().manifest().exportId()).isEqualTo(new ExportJobId(101));
            assertThat(s.attempts()).isEqualTo(2);
        });
        assertThat(cometly.creates).hasSize(2);
        assertThat(ledger.records.get(day())).satisfies(r -> {
            assertThat(r.state()).isEqualTo(DayState.STORED);
            assertThat(r.attempts()).isEqualTo(2);
        });
    }

    @Test
    void givenRecordedCompletedJobWhoseFileIsGone_whenResumed_thenReplacedByANewJob() {
        cometly.job(78, file, COMPLETED).fileGone = true;
        ledger.put(new DayRecord(day(), DayState.COMPLETED, new ExportJobId(78), false, 1, null, null, null, null,
                clock.instant()));
        cometly.onCreate(file, COMPLETED);
        ExportOutcome outcome = export(3);
        assertThat(outcome).isInstanceOfSatisfying(ExportOutcome.Stored.class, s -> {
            assertThat(s.stored().manifest().exportId()).isEqualTo(new ExportJobId(100));
            assertThat(s.attempts()).isEqualTo(2);
        });
        assertThat(cometly.fetches).startsWith(new ExportJobId(78));
        assertThat(cometly.creates).hasSize(1);
    }

    @Test
    void givenFilesThatAreGoneEveryTime_whenTheAttemptsAreSpent_thenFileGoneAndTheLastJobIsNotResumedLater() {
        cometly.onCreateWithFileGone(COMPLETED);
        cometly.onCreateWithFileGone(COMPLETED);
        assertThatThrownBy(() -> export(2)).isInstanceOfSatisfying(ExportApiException.class,
                e -> assertThat(e.kind()).isEqualTo(ExportApiException.Kind.FILE_GONE));
        assertThat(cometly.creates).hasSize(2);
        assertThat(store.published).isEmpty();
        assertThat(ledger.records.get(day()).state()).isEqualTo(DayState.FAILED);
        // A later run does not resume the job whose file is gone: it creates another.
        cometly.onCreate(file, COMPLETED);
        int fetched = cometly.fetches.size();
        assertThat(export(2)).isInstanceOfSatisfying(ExportOutcome.Stored.class,
                s -> assertThat(s.stored().manifest().exportId()).isEqualTo(new ExportJobId(102)));
        assertThat(cometly.fetches.subList(fetched, cometly.fetches.size())).containsOnly(new ExportJobId(102));
    }

    @Test
    void givenRefreshOfAStoredDayNobodyTouched_whenExported_thenANewJobReplacesIt() {
        cometly.onCreate(file, COMPLETED);
        cometly.onCreate(file, COMPLETED);
        export(3);
        ExportOutcome outcome = service(PollingPolicy.defaults(), 3).export(new ExportEventsCommand(request,
                ExportEventsCommand.Mode.REFRESH, null));
        assertThat(outcome).isInstanceOfSatisfying(ExportOutcome.Stored.class,
                s -> assertThat(s.alreadyStored()).isFalse());
        assertThat(cometly.creates).hasSize(2);
    }
}
