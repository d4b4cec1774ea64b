package io.github.cometlyexport.application;

import static io.github.cometlyexport.domain.ExportJob.Kind.COMPLETED;
import static io.github.cometlyexport.domain.ExportJob.Kind.FAILED;
import static io.github.cometlyexport.domain.ExportJob.Kind.PROCESSING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.cometlyexport.domain.DayClosure;
import io.github.cometlyexport.domain.DownloadPolicy;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportPolicies;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.PipelinePolicy;
import io.github.cometlyexport.domain.PollingPolicy;
import io.github.cometlyexport.domain.ReplacementPolicy;
import io.github.cometlyexport.port.driven.ExportInterruptedException;
import io.github.cometlyexport.port.driving.DayResult;
import io.github.cometlyexport.port.driving.ExportDaysCommand;
import io.github.cometlyexport.port.driving.ExportProgressListener;
import io.github.cometlyexport.simulator.SimulatorClocks;
import io.github.cometlyexport.testing.FakeSleeps;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The days pipeline's own promises, on in-memory ports: exactly one result per day, in date order, whatever the
 * listener does; the cap of days in flight never blocks the replacements of the days already in flight; a lost
 * lease makes the day be asked for again, not fail; open days are results, not exceptions.
 */
class ExportDaysServiceTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private final SimulatorClocks.Steppable clock = SimulatorClocks.steppable(Instant.parse("2024-01-16T06:00:00Z"));
    private final FakeSleeps sleeper = new FakeSleeps(clock::advance);
    private final FakeCometly cometly = new FakeCometly(clock);
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryLedger ledger = new InMemoryLedger(clock);
    private final byte[] file = ExportFiles.gzipEvents(20, 1);
    private final ExportRequest table = ExportRequest.builder().date("2024-01-10").build();

    private ExportDaysService service(PipelinePolicy pipeline) {
        return new ExportDaysService(cometly, cometly, cometly, store, new ShapeOnlyLines(),
                new ExportPolicies(PollingPolicy.defaults(), new ReplacementPolicy(3, Duration.ofSeconds(10)),
                        DownloadPolicy.defaults(), ExportEventsServiceTest.UTC_DAYS), pipeline, clock,
                sleeper::sleep, new SplittableRandom(5), new LedgerScope(ledger, "space", "dest"),
                ExportDaysService.daemonThreads());
    }

    private List<DayResult> run(PipelinePolicy pipeline, ExportDaysCommand command) {
        return assertTimeoutPreemptively(LIMIT, () -> service(pipeline).exportDays(command));
    }

    @Test
    void givenAListenerThatThrowsOnEveryCall_whenThreeDaysRun_thenEachStillGetsItsOneResult() {
        for (int i = 0; i < 3; i++) {
            cometly.onCreate(file, PROCESSING, COMPLETED);
        }
        AtomicInteger calls = new AtomicInteger();
        ExportProgressListener hostile = new ExportProgressListener() {
            @Override
            public void statusObserved(ExportJob job, Duration nextPoll) {
                calls.incrementAndGet();
                throw new IllegalStateException("listener broke");
            }

            @Override
            public void dayFinished(DayResult result) {
                calls.incrementAndGet();
                throw new IllegalStateException("listener broke");
            }
        };
        List<DayResult> results = run(PipelinePolicy.defaults(), ExportDaysCommand.range(table,
                LocalDate.parse("2024-01-10"), LocalDate.parse("2024-01-12")).withListener(hostile));

        assertThat(results).extracting(DayResult::day).containsExactly(LocalDate.parse("2024-01-10"),
                LocalDate.parse("2024-01-11"), LocalDate.parse("2024-01-12"));
        assertThat(results).allMatch(r -> r instanceof DayResult.Stored);
        assertThat(calls.get()).as("the listener was called, and threw").isGreaterThanOrEqualTo(3);
    }

    @Test
    void givenACapOfOneDayInFlight_whenItsJobsFailAndAreReplaced_thenNoDeadlockAndTheNextDayFollows() {
        cometly.onCreate(file, FAILED);
        cometly.onCreate(file, FAILED);
        cometly.onCreate(file, COMPLETED);
        cometly.onCreate(file, COMPLETED);
        List<DayResult> results = run(PipelinePolicy.defaults().withJobsInFlight(1), ExportDaysCommand.range(table,
                LocalDate.parse("2024-01-10"), LocalDate.parse("2024-01-11")));

        assertThat(results).hasSize(2).allMatch(r -> r instanceof DayResult.Stored);
        assertThat(results.get(0).attempts()).isEqualTo(3);
        assertThat(cometly.creates).extracting(ExportRequest::date).containsExactly(LocalDate.parse("2024-01-10"),
                LocalDate.parse("2024-01-10"), LocalDate.parse("2024-01-10"), LocalDate.parse("2024-01-11"));
    }

    @Test
    void givenTheLeaseLostWhileDownloading_whenNoWaitForHeldDays_thenTheDayIsHeldElsewhereNotFailed() {
        cometly.onCreate(file, COMPLETED);
        ledger.takenOverBy = "other:7";
        List<DayResult> heard = Collections.synchronizedList(new ArrayList<>());
        List<DayResult> results = run(PipelinePolicy.defaults(), ExportDaysCommand.day(table)
                .withListener(new ExportProgressListener() {
                    @Override
                    public void dayFinished(DayResult result) {
                        heard.add(result);
                    }
                }));

        assertThat(results).singleElement().isInstanceOfSatisfying(DayResult.HeldElsewhere.class,
                h -> assertThat(h.record().holder()).isEqualTo("other:7"));
        assertThat(store.published).isEmpty();
        assertThat(heard).as("heard once, before the run returned").containsExactlyElementsOf(results);
    }

    @Test
    void givenARangeReachingPastTheLastClosedDay_whenRun_thenTheOpenDaysAreResultsWithNoRequest() {
        cometly.onCreate(file, COMPLETED);
        DayClosure closure = ExportEventsServiceTest.UTC_DAYS;
        LocalDate lastClosed = closure.lastClosedDay(clock.instant());
        List<DayResult> results = run(PipelinePolicy.defaults(), ExportDaysCommand.range(table, lastClosed,
                lastClosed.plusDays(2)));

        assertThat(results).hasSize(3);
        assertThat(results.get(0)).isInstanceOf(DayResult.Stored.class);
        assertThat(results.subList(1, 3)).allSatisfy(r -> assertThat(r).isInstanceOfSatisfying(DayResult.Open.class,
                o -> assertThat(o.closesAt()).isEqualTo(closure.closesAt(o.day()))));
        assertThat(cometly.creates).hasSize(1);
    }

    @Test
    void givenStopCreatingSetWhenTheFirstJobIsCreated_whenThreeDaysRun_thenTheFirstIsStoredAndNoOtherJobIsCreated() {
        for (int i = 0; i < 3; i++) {
            cometly.onCreate(file, PROCESSING, COMPLETED);
        }
        AtomicBoolean stop = new AtomicBoolean();
        ExportProgressListener stopOnCreate = new ExportProgressListener() {
            @Override
            public void jobCreated(ExportJobId id, int attempt) {
                stop.set(true);
            }
        };
        List<DayResult> results = run(PipelinePolicy.defaults(), ExportDaysCommand.range(table,
                LocalDate.parse("2024-01-10"), LocalDate.parse("2024-01-12")).withListener(stopOnCreate)
                .withStopCreating(stop::get));

        assertThat(cometly.creates).as("no job created once told to stop").hasSize(1);
        assertThat(results.get(0)).as("the day in flight finishes").isInstanceOf(DayResult.Stored.class);
        assertThat(results.subList(1, 3)).allSatisfy(r -> assertThat(r).isInstanceOfSatisfying(
                DayResult.Failed.class, f -> {
                    assertThat(f.cause()).isInstanceOf(ExportInterruptedException.class);
                    assertThat(f.attempts()).isZero();
                }));
        assertThat(ledger.records).as("the days left alone were never claimed").hasSize(1);
        assertThat(ledger.records.values()).allSatisfy(r -> assertThat(r.holder()).as("lease given up").isNull());
    }
}
