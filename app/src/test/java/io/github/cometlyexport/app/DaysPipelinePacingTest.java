package io.github.cometlyexport.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.adapter.jdbc.JdbcLedgerAdapter;
import io.github.cometlyexport.adapter.jdbc.JdbcRequestBudget;
import io.github.cometlyexport.adapter.jdbc.LedgerDatabase;
import io.github.cometlyexport.adapter.ndjson.JsonLinesVerifierAdapter;
import io.github.cometlyexport.adapter.storage.local.LocalFileStorageAdapter;
import io.github.cometlyexport.application.ExportDaysService;
import io.github.cometlyexport.application.LedgerScope;
import io.github.cometlyexport.domain.DayClosure;
import io.github.cometlyexport.domain.DownloadPolicy;
import io.github.cometlyexport.domain.ExportPolicies;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.PipelinePolicy;
import io.github.cometlyexport.domain.PollingPolicy;
import io.github.cometlyexport.domain.ReplacementPolicy;
import io.github.cometlyexport.port.driven.SpaceBudgets;
import io.github.cometlyexport.port.driven.TrackExportDaysPort;
import io.github.cometlyexport.port.driving.DayResult;
import io.github.cometlyexport.port.driving.ExportDaysCommand;
import io.github.cometlyexport.port.driving.ExportProgressListener;
import io.github.cometlyexport.testing.VirtualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The days pipeline keeps the Space's create budget busy whatever the jobs' latency: on {@link VirtualTime}, 30 days
 * whose jobs take 180 s each are created at the budget's pace (5 per 63 s window) and the last day is stored within
 * the ideal schedule's bound, 63 s × (⌈30/5⌉ − 1) + 180 s, plus one poll interval; alone, and as three schedulers
 * sharing one SQLite ledger and its budgets. Every thread of the runs (callers, pollers, download pools) counts for
 * virtual time, so the instants observed are those of an infinitely fast machine.
 */
class DaysPipelinePacingTest {
    private static final Instant T0 = Instant.parse("2024-03-01T06:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(63);
    private static final Duration LATENCY = Duration.ofSeconds(180);
    private static final int DAYS = 30;
    private static final LocalDate FIRST = LocalDate.parse("2024-01-01");

    private final VirtualTime time = new VirtualTime(T0);
    private final Map<LocalDate, Instant> storedAt = new ConcurrentHashMap<>();
    private final List<List<DayResult>> runs = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    Path dir;

    private ExportDaysService service(TimedCometly cometly, TrackExportDaysPort ledger) {
        LocalFileStorageAdapter store = new LocalFileStorageAdapter(dir.resolve("out"));
        ExportPolicies policies = new ExportPolicies(PollingPolicy.defaults(), ReplacementPolicy.defaults(),
                DownloadPolicy.defaults(), new DayClosure(ZoneOffset.UTC, Duration.ofHours(2)));
        return new ExportDaysService(cometly, cometly, cometly, store, new JsonLinesVerifierAdapter(), policies,
                PipelinePolicy.defaults(), time.clock(), time::sleep, new SplittableRandom(7),
                new LedgerScope(ledger, "space", store.location()), time.threadFactory());
    }

    private void run(ExportDaysService service) {
        time.start("scheduler-" + runs.size(), () -> runs.add(service.exportDays(ExportDaysCommand.range(
                ExportRequest.builder().date(FIRST).build(), FIRST, FIRST.plusDays(DAYS - 1))
                .withHeldWait(Duration.ofHours(2)).withListener(new ExportProgressListener() {
                    @Override
                    public void dayFinished(DayResult result) {
                        if (result instanceof DayResult.Stored) {
                            storedAt.put(result.day(), time.clock().instant());
                        }
                    }
                }))));
    }

    /** 63 s × (⌈N/5⌉ − 1) + the latency: the ideal schedule's last completion. */
    private static Instant bound() {
        return T0.plus(WINDOW.multipliedBy((DAYS + 4) / 5 - 1)).plus(LATENCY);
    }

    private void assertPacedAndComplete(TimedCometly cometly) {
        assertThat(cometly.createdDays).as("one create per day").hasSize(DAYS).doesNotHaveDuplicates();
        List<Instant> creates = new ArrayList<>(cometly.creates);
        Collections.sort(creates);
        assertThat(Duration.between(creates.get(0), creates.get(DAYS - 1)))
                .as("the 30th create within 6 windows of the first").isLessThanOrEqualTo(WINDOW.multipliedBy(6));
        assertThat(TimedCometly.mostInAnyWindow(cometly.creates, Duration.ofSeconds(60))).isLessThanOrEqualTo(5);
        assertThat(TimedCometly.mostInAnyWindow(cometly.statuses, Duration.ofSeconds(60))).isLessThanOrEqualTo(30);
        assertThat(storedAt).hasSize(DAYS);
        Instant last = storedAt.values().stream().max(Instant::compareTo).orElseThrow();
        assertThat(last).as("last day stored within the bound plus one poll interval")
                .isBeforeOrEqualTo(bound().plus(PollingPolicy.defaults().maxDelay()));
    }

    @Test
    void givenThirtyDaysOf180sJobs_whenBackfilledByOneScheduler_thenCreatesKeepTheBudgetBusyAndTheLastIsStoredInTheBound()
            throws Exception {
        SpaceBudgets budgets = SpaceBudgets.cometlyLimits(time.clock(), time::sleep);
        TimedCometly cometly = new TimedCometly(time.clock(), budgets, day -> LATENCY);
        run(service(cometly, TrackExportDaysPort.none()));
        time.run(Duration.ofHours(1));

        assertPacedAndComplete(cometly);
        assertThat(runs.get(0)).hasSize(DAYS).allMatch(r -> r instanceof DayResult.Stored);
    }

    @Test
    void givenThreeSchedulersSharingOneSqliteLedger_whenEachBackfillsTheSameThirtyDays_thenOneJobPerDayInTheBound()
            throws Exception {
        List<AutoCloseable> open = new ArrayList<>();
        TimedCometly cometly = null;
        try {
            for (int i = 0; i < 3; i++) {
                LedgerDatabase db = LedgerDatabase.open("jdbc:sqlite:" + dir.resolve("ledger.db"), Map.of(),
                        time.clock());
                open.add(db);
                // A lease far longer than the run: the renewer runs on real time, which virtual time outpaces.
                JdbcLedgerAdapter ledger = new JdbcLedgerAdapter(db, Duration.ofDays(1), "scheduler-" + i,
                        time::sleep);
                open.add(ledger);
                SpaceBudgets budgets = JdbcRequestBudget.spaceBudgets(db, "space", 30, 5, Duration.ofMinutes(1),
                        time::sleep);
                if (cometly == null) {
                    cometly = new TimedCometly(time.clock(), budgets, day -> LATENCY);
                }
                run(service(cometly.withBudgets(budgets), ledger));
            }
            time.run(Duration.ofHours(1));
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
        }
        assertPacedAndComplete(cometly);
        assertThat(runs).hasSize(3).allSatisfy(results -> assertThat(results).hasSize(DAYS)
                .allMatch(r -> r instanceof DayResult.Stored || r instanceof DayResult.Skipped));
    }
}
