package io.github.cometlyexport.adapter.http;

import io.github.cometlyexport.simulator.SimulatorClocks;
import io.github.cometlyexport.testing.FakeSleeps;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.port.driven.ExportApiException;
import io.github.cometlyexport.port.driven.ExportProtocolException;
import io.github.cometlyexport.port.driven.Sleeper;
import io.github.cometlyexport.port.driven.SpaceBudgets;
import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.Journal;
import io.github.cometlyexport.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CometlyHttpAdapterIT {
    private final String key = TestSupport.uniqueKey();
    private final SimulatorClocks.Steppable clock = SimulatorClocks.steppable(Instant.parse("2024-01-16T06:00:00Z"));
    /** Waits by moving the test clock (which the simulator shares), and records each wait. */
    private final FakeSleeps waits = new FakeSleeps(clock::advance);
    private final Sleeper sleeper = waits::sleep;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final ExportRequest request = ExportRequest.builder().date("2024-01-15").eventNames(List.of("purchase"))
            .build();

    private CometlySimulator simulator(SimulatorConfig.Builder config) {
        CometlySimulator sim = CometlySimulator.start(config.key(key, "space-a").build());
        closing.add(sim);
        return sim;
    }

    private CometlyHttpAdapter adapter(CometlySimulator sim) {
        CometlyHttpAdapter adapter = TestSupport.adapter(TestSupport.config(key, sim), clock, sleeper);
        closing.add(adapter);
        return adapter;
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    @Test
    void givenJobLifecycle_whenCreatedAndFetched_thenEveryDocumentedStatusMaps() {
        CometlySimulator sim = simulator(SimulatorConfig.defaults().toBuilder().clock(clock).defaultEvents(10));
        CometlyHttpAdapter adapter = adapter(sim);
        ExportJobId id = adapter.create(request);
        assertThat(adapter.fetch(id)).isInstanceOfSatisfying(ExportJob.Queued.class, q -> {
            assertThat(q.id()).isEqualTo(id);
            assertThat(q.createdAt()).isEqualTo(clock.instant());
            assertThat(q.message()).isNotBlank();
        });
        clock.advance(Duration.ofSeconds(1));
        assertThat(adapter.fetch(id)).isInstanceOf(ExportJob.Processing.class);
        clock.advance(Duration.ofSeconds(2));
        ExportJob job = adapter.fetch(id);
        for (int i = 0; i < 200 && !(job instanceof ExportJob.Completed); i++) {
            job = adapter.fetch(id);
        }
        assertThat(job).isInstanceOfSatisfying(ExportJob.Completed.class, c -> {
            assertThat(c.downloadUrl().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
            assertThat(c.downloadUrl().host()).isEqualTo("127.0.0.1");
            assertThat(c.downloadUrl().toString()).doesNotContain("Signature");
        });
        sim.scriptNextJob(JobScript.builder().outcome(JobScript.Outcome.FAILED).build());
        ExportJobId failing = adapter.create(request);
        clock.advance(Duration.ofMinutes(1));
        assertThat(adapter.fetch(failing)).isInstanceOfSatisfying(ExportJob.Failed.class,
                f -> assertThat(f.message()).contains("failed"));
        Journal.Entry post = sim.journal().entries().get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.authorizationSent()).isTrue();
    }

    @Test
    void givenACompanyExport_whenCreatedAndFetched_thenItsOwnEndpointsTheRangeBodyAndACompanyJob() {
        CometlySimulator sim = simulator(SimulatorConfig.defaults().toBuilder().clock(clock).defaultEvents(10));
        CometlyHttpAdapter adapter = adapter(sim);
        ExportJobId id = adapter.create(ExportRequest.builder().dataset(Dataset.COMPANIES).date("2024-01-15")
                .build());
        assertThat(id.dataset()).isEqualTo(Dataset.COMPANIES);
        assertThat(adapter.fetch(id)).isInstanceOf(ExportJob.Queued.class);
        assertThatThrownBy(() -> adapter.fetch(new ExportJobId(id.value()))).as("not an event job")
                .isInstanceOfSatisfying(ExportApiException.class, e -> assertThat(e.kind())
                        .isEqualTo(ExportApiException.Kind.NOT_FOUND));
        assertThat(sim.journal().entries()).extracting(e -> e.method() + " " + e.path()).startsWith(
                "POST /public-api/v1/companies/exports", "GET /public-api/v1/companies/exports/" + id.value());
        assertThat(sim.journal().entries().get(0).body())
                .isEqualTo("{\"start_date\":\"2024-01-15 00:00:00\",\"end_date\":\"2024-01-15 23:59:59\"}");
    }

    @Test
    void givenRefusals_whenCalled_then401403And404MapWithTheApiMessageAndNoKey() {
        CometlySimulator sim = simulator(SimulatorConfig.defaults().toBuilder().clock(clock)
                .key("inactive_" + key, "space-a").inactiveKeys(Set.of("inactive_" + key)));
        String unknown = TestSupport.uniqueKey();
        CometlyHttpAdapter stranger = TestSupport.adapter(TestSupport.config(unknown, sim), clock, sleeper);
        closing.add(stranger);
        assertThatThrownBy(() -> stranger.fetch(new ExportJobId(1)))
                .isInstanceOfSatisfying(ExportApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExportApiException.Kind.UNAUTHORIZED);
                    assertThat(e.getMessage()).contains("401").contains("Unauthenticated").doesNotContain(unknown);
                });
        CometlyHttpAdapter inactive = TestSupport.adapter(TestSupport.config("inactive_" + key, sim), clock, sleeper);
        closing.add(inactive);
        assertThatThrownBy(() -> inactive.create(request)).isInstanceOfSatisfying(ExportApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(ExportApiException.Kind.FORBIDDEN);
            assertThat(e.apiMessage()).contains("inactive");
            assertThat(e.getMessage()).doesNotContain(key);
        });
        assertThatThrownBy(() -> adapter(sim).fetch(new ExportJobId(424242)))
                .isInstanceOfSatisfying(ExportApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExportApiException.Kind.NOT_FOUND);
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void givenUndocumentedStatus_whenFetched_thenProtocolErrorNamesTheValue() {
        CometlySimulator sim = simulator(SimulatorConfig.defaults().toBuilder().clock(clock));
        sim.scriptNextJob(JobScript.builder().bogusStatus("archived").build());
        CometlyHttpAdapter adapter = adapter(sim);
        ExportJobId id = adapter.create(request);
        assertThatThrownBy(() -> adapter.fetch(id)).isInstanceOf(ExportProtocolException.class)
                .hasMessageContaining("'archived'");
        assertThat(sim.journal().count(e -> e.method().equals("GET"))).isEqualTo(1);
    }

    @Test
    void givenServerErrorBurst_whenFetched_thenRetriedWithinTheBudget() {
        CometlySimulator sim = simulator(SimulatorConfig.defaults().toBuilder().clock(clock));
        CometlyHttpAdapter adapter = adapter(sim);
        ExportJobId id = adapter.create(request);
        sim.failNextApiRequests(3, 503);
        assertThat(adapter.fetch(id)).isInstanceOf(ExportJob.Queued.class);
        assertThat(sim.journal().count(e -> e.status() == 503)).isEqualTo(3);

        sim.failNextApiRequests(10, 500);
        long before = sim.journal().entries().size();
        assertThatThrownBy(() -> adapter.fetch(id)).isInstanceOfSatisfying(ExportApiException.class,
                e -> assertThat(e.kind()).isEqualTo(ExportApiException.Kind.SERVER_ERROR));
        assertThat(sim.journal().entries().size() - before).as("attempts").isEqualTo(4);
    }

    @Test
    void givenServerErrorOnCreate_whenCreated_thenNotRetriedBecauseAJobMayExist() {
        CometlySimulator sim = simulator(SimulatorConfig.defaults().toBuilder().clock(clock));
        CometlyHttpAdapter adapter = adapter(sim);
        sim.failNextApiRequests(1, 500);
        assertThatThrownBy(() -> adapter.create(request)).isInstanceOf(ExportApiException.class);
        assertThat(sim.journal().count(e -> e.method().equals("POST"))).isEqualTo(1);
    }

    @Test
    void givenRateLimitBurst_whenCalled_thenRetryAfterIsHonouredBeforeTheRetry() {
        CometlySimulator sim = simulator(SimulatorConfig.defaults().toBuilder().clock(clock));
        CometlyHttpAdapter adapter = adapter(sim);
        sim.rateLimitNextApiRequests(1);
        ExportJobId id = adapter.create(request);
        assertThat(id.value()).isPositive();
        assertThat(sim.journal().rateLimited()).as(sim.journal().entries().toString()).isEqualTo(1);
        assertThat(sim.journal().jobsCreated()).isEqualTo(1);
        assertThat(waits.all()).anySatisfy(d -> assertThat(d).isEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void givenThreeAdaptersSharingAKey_whenPollingTenJobs_thenOurOwnPacingCausesNo429() throws Exception {
        // Simulator and adapters share a clock that runs 30x, and the adapters' sleeper sleeps 1/30 of what it is
        // asked: the documented 60-second windows pass in 2 real seconds on both sides.
        java.time.Clock fast = SimulatorClocks.scaled(Instant.parse("2024-01-16T06:00:00Z"), 30);
        CometlySimulator sim = simulator(SimulatorConfig.defaults().toBuilder().clock(fast)
                .scriptCycle(List.of(JobScript.builder().outcome(JobScript.Outcome.STAY_QUEUED).build())));
        // One Space, one pair of budgets, handed to all three adapters as the composition root does.
        SpaceBudgets space = SpaceBudgets.inProcess(30, 5, Duration.ofMinutes(1), fast,
                d -> Sleeper.system().sleep(d.dividedBy(30)));
        List<CometlyHttpAdapter> adapters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CometlyHttpAdapter a = TestSupport.adapter(TestSupport.config(key, sim), space, fast);
            closing.add(a);
            adapters.add(a);
        }
        List<ExportJobId> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(adapters.get(i % 3).create(request));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (CometlyHttpAdapter a : adapters) {
                runs.add(pool.submit(() -> {
                    for (int round = 0; round < 3; round++) {
                        for (ExportJobId id : ids) {
                            a.fetch(id);
                        }
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sim.journal().count(e -> e.method().equals("GET") && e.status() == 200)).isEqualTo(90);
        assertThat(sim.journal().jobsCreated()).isEqualTo(10);
        assertThat(sim.journal().rateLimited()).as("429s caused by our own pacing").isZero();
    }

    @Test
    void givenEveryFailure_whenMessagesAreRead_thenTheKeyNeverAppears() {
        CometlySimulator sim = simulator(SimulatorConfig.defaults().toBuilder().clock(clock));
        CometlyHttpAdapter adapter = adapter(sim);
        List<String> messages = new ArrayList<>();
        sim.failNextApiRequests(10, 500);
        try {
            adapter.fetch(new ExportJobId(1));
        } catch (RuntimeException e) {
            messages.add(e.toString());
        }
        sim.failNextApiRequests(0, 500);
        try {
            adapter.fetch(new ExportJobId(99));
        } catch (RuntimeException e) {
            messages.add(e.toString());
        }
        messages.add(adapter.toString());
        messages.add(TestSupport.config(key, sim).toString());
        assertThat(messages).hasSize(4).allSatisfy(m -> assertThat(m).doesNotContain(key));
    }
}
