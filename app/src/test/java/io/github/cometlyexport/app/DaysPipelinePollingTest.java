package io.github.cometlyexport.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.adapter.jdbc.JdbcLedgerAdapter;
import io.github.cometlyexport.adapter.jdbc.LedgerDatabase;
import io.github.cometlyexport.adapter.ndjson.JsonLinesVerifierAdapter;
import io.github.cometlyexport.adapter.storage.local.LocalFileStorageAdapter;
import io.github.cometlyexport.application.ExportDaysService;
import io.github.cometlyexport.application.LedgerScope;
import io.github.cometlyexport.domain.DayClosure;
import io.github.cometlyexport.domain.DayKey;
import io.github.cometlyexport.domain.DayState;
import io.github.cometlyexport.domain.DownloadPolicy;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportPolicies;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.PipelinePolicy;
import io.github.cometlyexport.domain.PollingPolicy;
import io.github.cometlyexport.domain.ReplacementPolicy;
import io.github.cometlyexport.domain.TableDefinition;
import io.github.cometlyexport.port.driven.DayLease;
import io.github.cometlyexport.port.driven.SpaceBudgets;
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
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The days pipeline's one poller shares the status budget fairly among the jobs in flight: with N recorded jobs
 * resumed at once (straight into the await stage, no create), each completion is noticed within N × 2 s plus one
 * poll interval; and one job alone is polled as often as the budget allows, not every 30 s. On {@link VirtualTime},
 * with a real SQLite ledger that recorded the jobs and a real local store.
 */
class DaysPipelinePollingTest {
    private static final Instant T0 = Instant.parse("2024-03-01T06:00:00Z");
    private static final LocalDate FIRST = LocalDate.parse("2024-01-01");

    private final VirtualTime time = new VirtualTime(T0);
    private final Map<ExportJobId, Instant> noticed = new ConcurrentHashMap<>();
    private final List<DayResult> results = new ArrayList<>();

    @TempDir
    Path dir;

    /** Records, as a process that died would have, one job per day, each completing at its instant. */
    private void runResumed(List<Instant> completions, TimedCometly cometly) throws Exception {
        try (LedgerDatabase db = LedgerDatabase.open("jdbc:sqlite:" + dir.resolve("ledger.db"), Map.of(),
                time.clock());
             JdbcLedgerAdapter ledger = new JdbcLedgerAdapter(db, Duration.ofDays(1), "this", time::sleep)) {
            LocalFileStorageAdapter store = new LocalFileStorageAdapter(dir.resolve("out"));
            ExportRequest table = ExportRequest.builder().date(FIRST).build();
            try (JdbcLedgerAdapter dead = new JdbcLedgerAdapter(db, Duration.ofDays(1), "dead", time::sleep)) {
                for (int i = 0; i < completions.size(); i++) {
                    DayKey key = DayKey.of("space", store.location(), TableDefinition.of(table), FIRST.plusDays(i));
                    try (DayLease lease = dead.claim(key).orElseThrow()) {
                        lease.recordJob(cometly.existing(T0.minusSeconds(60), completions.get(i)), 1, false);
                        lease.recordState(DayState.PROCESSING);
                    }
                }
            }
            ExportPolicies policies = new ExportPolicies(PollingPolicy.defaults(), ReplacementPolicy.defaults(),
                    DownloadPolicy.defaults(), new DayClosure(ZoneOffset.UTC, Duration.ofHours(2)));
            ExportDaysService service = new ExportDaysService(cometly, cometly, cometly, store,
                    new JsonLinesVerifierAdapter(), policies, PipelinePolicy.defaults(), time.clock(), time::sleep,
                    new SplittableRandom(3), new LedgerScope(ledger, "space", store.location()),
                    time.threadFactory());
            time.start("scheduler", () -> results.addAll(service.exportDays(ExportDaysCommand.range(table, FIRST,
                    FIRST.plusDays(completions.size() - 1)).withListener(new ExportProgressListener() {
                        @Override
                        public void statusObserved(ExportJob job, Duration nextPoll) {
                            if (job instanceof ExportJob.Completed) {
                                noticed.putIfAbsent(job.id(), time.clock().instant());
                            }
                        }
                    }))));
            time.run(Duration.ofHours(2));
        }
    }

    private Duration worstLag(TimedCometly cometly) {
        return noticed.entrySet().stream().map(e -> Duration.between(cometly.completesAt(e.getKey()), e.getValue()))
                .max(Duration::compareTo).orElseThrow();
    }

    @Test
    void givenTwentyRecordedJobsCompletingOverAMinute_whenResumed_thenEachIsNoticedWithinTheBoundAndNoneIsCreated()
            throws Exception {
        TimedCometly cometly = new TimedCometly(time.clock(), SpaceBudgets.cometlyLimits(time.clock(), time::sleep),
                day -> Duration.ofMinutes(3));
        List<Instant> completions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            completions.add(T0.plusMillis(2_500 + i * 3_000L));
        }
        runResumed(completions, cometly);

        assertThat(results).hasSize(20).allMatch(r -> r instanceof DayResult.Stored);
        assertThat(cometly.creates).as("recorded jobs are resumed, never created again").isEmpty();
        assertThat(noticed).hasSize(20);
        assertThat(worstLag(cometly)).as("worst lag from completion to notice")
                .isLessThanOrEqualTo(Duration.ofSeconds(2 * 20).plus(PollingPolicy.defaults().maxDelay()));
        assertThat(TimedCometly.mostInAnyWindow(cometly.statuses, Duration.ofSeconds(60))).isLessThanOrEqualTo(30);
    }

    @Test
    void givenOneRecordedJobCompletingLate_whenResumedAlone_thenItIsPolledAsOftenAsTheBudgetAllows()
            throws Exception {
        TimedCometly cometly = new TimedCometly(time.clock(), SpaceBudgets.cometlyLimits(time.clock(), time::sleep),
                day -> Duration.ofMinutes(3));
        runResumed(List.of(T0.plusSeconds(600)), cometly);

        assertThat(results).singleElement().isInstanceOf(DayResult.Stored.class);
        // Alone in flight, its share of the status budget is one request every 2.1 s: noticed within two of them,
        // never the polling policy's 30 s ceiling.
        assertThat(worstLag(cometly)).isLessThanOrEqualTo(Duration.ofMillis(4_200));
    }
}
