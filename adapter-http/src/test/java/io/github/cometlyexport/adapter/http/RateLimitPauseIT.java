package io.github.cometlyexport.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.RateLimit;
import io.github.cometlyexport.port.driven.ExportApiException;
import io.github.cometlyexport.port.driven.RequestBudget;
import io.github.cometlyexport.port.driven.SpaceBudgets;
import io.github.cometlyexport.simulator.AnswerHold;
import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.SimulatorClocks;
import io.github.cometlyexport.simulator.SimulatorConfig;
import io.github.cometlyexport.testing.FakeSleeps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A 429's pause is in place before any request waiting on the budget is woken: two threads of one Space, the first
 * request (the probe) answered 429 while the second waits for it. Time is the simulator's stepping clock, moved by
 * the budget's waits.
 */
class RateLimitPauseIT {
    private final String key = TestSupport.uniqueKey();
    private final SimulatorClocks.Steppable clock = SimulatorClocks.steppable(Instant.parse("2024-01-16T06:00:00Z"));
    private final FakeSleeps waits = new FakeSleeps(clock::advance);
    private final ExportRequest request = ExportRequest.builder().date("2024-01-15").build();

    /**
     * The in-process budget, watched: records when each request was granted, and holds a settle (the answer counted)
     * until a second request was granted, so that whatever a woken waiter may do between the settle and a later
     * pause happens, every time.
     */
    private static final class Watched implements RequestBudget {
        final RequestBudget real;
        final SimulatorClocks.Steppable clock;
        final List<Instant> granted = new CopyOnWriteArrayList<>();
        final CountDownLatch twoGranted = new CountDownLatch(2);

        Watched(RequestBudget real, SimulatorClocks.Steppable clock) {
            this.real = real;
            this.clock = clock;
        }

        @Override
        public Permit acquire() {
            Permit permit = real.acquire();
            granted.add(clock.instant());
            twoGranted.countDown();
            return new Permit() {
                @Override
                public void settle() {
                    permit.settle();
                    try {
                        twoGranted.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }

                // No @Override: the same test runs against a budget without it (and shows the race there).
                public void settleRateLimited(Duration pause) {
                    permit.settleRateLimited(pause);
                }
            };
        }

        @Override
        public void pause(Duration pause) {
            real.pause(pause);
        }

        @Override
        public void observeRemaining(int remaining, Duration resetIn) {
            real.observeRemaining(remaining, resetIn);
        }

        @Override
        public void refuse(ExportApiException refusal) {
            real.refuse(refusal);
        }

        @Override
        public RateLimit limit() {
            return real.limit();
        }
    }

    @Test
    void givenProbeAnswered429_whenAnotherRequestWaitsOnTheBudget_thenItIsNotGrantedBeforeThePauseEnds()
            throws Exception {
        Watched creates = new Watched(RequestBudget.inProcess(RateLimit.bursting(10, Duration.ofMinutes(1)), clock,
                waits::sleep), clock);
        SpaceBudgets budgets = new SpaceBudgets(RequestBudget.inProcess(RateLimit.spaced(30, Duration.ofMinutes(1)),
                clock, waits::sleep), creates);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (CometlySimulator sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().clock(clock)
                .key(key, "space-a").build());
             CometlyHttpAdapter adapter = TestSupport.adapter(TestSupport.config(key, sim), budgets, clock)) {
            sim.rateLimitNextApiRequests(1);
            AnswerHold first = sim.holdNextApiAnswer();
            Instant start = clock.instant();
            Future<ExportJobId> a = threads.submit(() -> adapter.create(request));
            assertThat(first.awaitArrival(Duration.ofSeconds(10))).as("the probe reached the simulator").isTrue();
            // Nothing is known about the Space's budget: this one waits for the probe's answer.
            Future<ExportJobId> b = threads.submit(() -> adapter.create(request));
            first.release();
            a.get(30, TimeUnit.SECONDS);
            b.get(30, TimeUnit.SECONDS);

            assertThat(creates.granted).hasSize(3);
            // The probe at the start; the simulator asked for 1 s: nothing more may be sent before then.
            assertThat(creates.granted.subList(1, 3)).allSatisfy(at -> assertThat(at)
                    .isAfterOrEqualTo(start.plus(Duration.ofSeconds(1))));
            assertThat(sim.journal().rateLimited()).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }
}
