package io.github.cometlyexport.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.domain.DownloadUrl;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.PollingPolicy;
import io.github.cometlyexport.port.driving.AwaitExportCommand;
import io.github.cometlyexport.port.driving.AwaitOutcome;
import io.github.cometlyexport.port.driven.FetchExportJobPort;
import io.github.cometlyexport.port.driven.RequestBudget;
import io.github.cometlyexport.port.driven.SpaceBudgets;
import io.github.cometlyexport.testing.VirtualTime;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Many jobs of one Space awaited at once share its 30 status requests a minute. The bound the polling promises: a
 * completed job is noticed within N × (60 s / 30) + one poll interval, however the others poll; it holds because
 * the status budget serves the waiting polls strictly in the order they fell due, so a job whose poll is due never
 * waits behind more than the other N − 1. Every thread runs on {@link VirtualTime}: hours of polling take
 * milliseconds, and each observes exactly the instants it would in real time.
 */
class FairPollingTest {
    private static final Instant T0 = Instant.parse("2024-01-16T06:00:00Z");
    private static final int STATUS_PER_MINUTE = 30;

    private final VirtualTime time = new VirtualTime(T0);
    private final RequestBudget status = SpaceBudgets.cometlyLimits(time.clock(), time::sleep).status();
    private final List<Instant> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<ExportJobId, Instant> completesAt = new ConcurrentHashMap<>();
    private final Map<ExportJobId, Instant> noticedAt = new ConcurrentHashMap<>();

    /** A Space whose every status request goes through its budget, as the HTTP adapter's do. */
    private final FetchExportJobPort api = id -> {
        RequestBudget.Permit permit = status.acquire();
        try {
            Instant now = time.clock().instant();
            requests.add(now);
            Instant done = completesAt.get(id);
            return done.isAfter(now) ? new ExportJob.Processing(id, T0, null)
                    : new ExportJob.Completed(id, T0, done, DownloadUrl.of(URI.create("https://s3.test/x.json.gz"),
                    now.plusSeconds(900), now));
        } finally {
            permit.settle();
        }
    };

    private void awaitAll(int jobs, Duration[] completions, long seed) throws InterruptedException {
        PollingPolicy policy = PollingPolicy.defaults();
        for (int i = 0; i < jobs; i++) {
            ExportJobId id = new ExportJobId(i + 1);
            completesAt.put(id, T0.plus(completions[i]));
            AwaitExportService service = new AwaitExportService(api, policy, time.clock(), time::sleep,
                    new SplittableRandom(seed + i));
            time.start("job-" + (i + 1), () -> {
                AwaitOutcome outcome = service.await(AwaitExportCommand.of(id));
                assertThat(outcome).isInstanceOf(AwaitOutcome.Finished.class);
                noticedAt.put(id, time.clock().instant());
            });
        }
        time.run(Duration.ofHours(2));
        assertThat(noticedAt).hasSize(jobs);
    }

    private Duration worstLag() {
        return completesAt.entrySet().stream()
                .map(e -> Duration.between(e.getValue(), noticedAt.get(e.getKey())))
                .max(Duration::compareTo).orElseThrow();
    }

    private void assertNoWindowHoldsMoreThanTheLimit() {
        List<Instant> sorted = new ArrayList<>(requests);
        Collections.sort(sorted);
        for (int i = 0; i + STATUS_PER_MINUTE < sorted.size(); i++) {
            assertThat(Duration.between(sorted.get(i), sorted.get(i + STATUS_PER_MINUTE)))
                    .as("status request %d and the %dth after it", i, STATUS_PER_MINUTE)
                    .isGreaterThanOrEqualTo(Duration.ofMinutes(1));
        }
    }

    @Test
    void givenTwentyJobsCompletingOverAMinute_whenAwaitedAtOnce_thenEachIsNoticedWithinTheBound() throws Exception {
        int jobs = 20;
        Duration[] completions = new Duration[jobs];
        for (int i = 0; i < jobs; i++) {
            completions[i] = Duration.ofMillis(2_500 + i * 3_000L);
        }
        awaitAll(jobs, completions, 1);

        Duration bound = Duration.ofSeconds(60 / STATUS_PER_MINUTE * jobs).plus(PollingPolicy.defaults().maxDelay());
        assertThat(worstLag()).as("worst lag from completion to notice").isLessThanOrEqualTo(bound);
        assertNoWindowHoldsMoreThanTheLimit();
    }

    @Test
    void givenOneJobCompletingWhileNineteenOthersPollHard_whenAwaited_thenItIsNotStarved() throws Exception {
        // Nineteen jobs that run for an hour keep the budget saturated at first (their early polls come every
        // few seconds); the twentieth completes early and must still get its turn within the bound.
        int jobs = 20;
        Duration[] completions = new Duration[jobs];
        for (int i = 0; i < jobs - 1; i++) {
            completions[i] = Duration.ofMinutes(20);
        }
        completions[jobs - 1] = Duration.ofSeconds(7);
        awaitAll(jobs, completions, 99);

        Duration lag = Duration.between(completesAt.get(new ExportJobId(jobs)), noticedAt.get(new ExportJobId(jobs)));
        Duration bound = Duration.ofSeconds(60 / STATUS_PER_MINUTE * jobs).plus(PollingPolicy.defaults().maxDelay());
        assertThat(lag).isLessThanOrEqualTo(bound);
        assertThat(worstLag()).isLessThanOrEqualTo(bound);
        assertNoWindowHoldsMoreThanTheLimit();
    }
}
