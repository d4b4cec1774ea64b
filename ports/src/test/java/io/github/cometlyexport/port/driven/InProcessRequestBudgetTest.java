package io.github.cometlyexport.port.driven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.domain.RateLimit;
import io.github.cometlyexport.simulator.SimulatorClocks;
import io.github.cometlyexport.testing.FakeSleeps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InProcessRequestBudgetTest {
    private final SimulatorClocks.Steppable clock = SimulatorClocks.steppable(Instant.parse("2024-01-16T06:00:00Z"));
    private final FakeSleeps sleeps = new FakeSleeps(clock::advance);

    private RequestBudget budget(RateLimit limit) {
        return RequestBudget.inProcess(limit, clock, sleeps::sleep);
    }

    private List<Duration> acquireAll(RequestBudget budget, int count) {
        Instant start = clock.instant();
        List<Duration> sentAt = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            budget.acquire().settle();
            sentAt.add(Duration.between(start, clock.instant()));
        }
        return sentAt;
    }

    @Test
    void givenFiveCreatesPerMinute_whenTwelveAreAsked_thenFiveGoAtOnceThenEachWaitsForTheGuardedWindow() {
        List<Duration> sentAt = acquireAll(budget(RateLimit.bursting(5, Duration.ofMinutes(1))), 12);
        assertThat(sentAt.subList(0, 5)).allSatisfy(d -> assertThat(d).isZero());
        assertThat(sentAt.subList(5, 10)).allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofSeconds(63)));
        assertThat(sentAt.subList(10, 12)).allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofSeconds(126)));
        for (int i = 0; i + 5 < sentAt.size(); i++) {
            assertThat(sentAt.get(i + 5).minus(sentAt.get(i))).isGreaterThan(Duration.ofSeconds(60));
        }
    }

    @Test
    void givenSpacedStatusBudget_whenPolledInABurst_thenRequestsAreSpacedAndNeverMoreThanThirtyAMinute() {
        List<Duration> sentAt = acquireAll(budget(RateLimit.spaced(30, Duration.ofMinutes(1))), 40);
        for (int i = 1; i < sentAt.size(); i++) {
            assertThat(sentAt.get(i).minus(sentAt.get(i - 1))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        }
        for (int i = 0; i + 30 < sentAt.size(); i++) {
            assertThat(sentAt.get(i + 30).minus(sentAt.get(i))).isGreaterThan(Duration.ofSeconds(60));
        }
    }

    @Test
    void givenSlowAnswer_whenSettled_thenTheRequestCountsFromItsAnswer() {
        RequestBudget budget = budget(RateLimit.bursting(1, Duration.ofMinutes(1)));
        RequestBudget.Permit permit = budget.acquire();
        clock.advance(Duration.ofSeconds(20));
        permit.settle();
        budget.acquire();
        assertThat(sleeps.all()).containsExactly(Duration.ofSeconds(63));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2024-01-16T06:01:23Z"));
    }

    @Test
    void givenServerReportsNoneRemaining_whenOurOwnLogIsFull_thenNoExtraPauseElseWaitForTheReset() {
        RequestBudget ours = budget(RateLimit.bursting(2, Duration.ofMinutes(1)));
        acquireAll(ours, 2);
        ours.observeRemaining(0, Duration.ofMinutes(1));
        ours.acquire();
        assertThat(sleeps.all()).containsExactly(Duration.ofSeconds(63));

        sleeps.clear();
        RequestBudget shared = budget(RateLimit.bursting(2, Duration.ofMinutes(1)));
        shared.acquire();
        shared.observeRemaining(0, Duration.ofSeconds(40));
        shared.observeRemaining(3, null);
        shared.acquire();
        assertThat(sleeps.all()).containsExactly(Duration.ofSeconds(40));
    }

    @Test
    void givenPause_whenAcquired_thenEveryUserWaitsOutTheLongest() {
        RequestBudget budget = budget(RateLimit.bursting(30, Duration.ofMinutes(1)));
        budget.acquire();
        budget.pause(Duration.ofSeconds(7));
        budget.pause(Duration.ofSeconds(2));
        budget.acquire();
        assertThat(sleeps.all()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void givenManyThreadsOnOneBudget_whenTheyAllAcquire_thenNoWindowEverHoldsMoreThanTheLimit() throws Exception {
        // Real clock, sleeps shortened: a 600 ms window keeps the test short while threads truly race.
        RateLimit limit = RateLimit.bursting(5, Duration.ofMillis(600));
        java.time.Clock real = java.time.Clock.systemUTC();
        RequestBudget budget = RequestBudget.inProcess(limit, real, Sleeper.system());
        List<Instant> granted = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 3; i++) {
                        RequestBudget.Permit permit = budget.acquire();
                        granted.add(real.instant());
                        permit.settle();
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Instant> sorted = new ArrayList<>(granted);
        Collections.sort(sorted);
        assertThat(sorted).hasSize(24);
        for (int i = 0; i + limit.limit() < sorted.size(); i++) {
            assertThat(Duration.between(sorted.get(i), sorted.get(i + limit.limit())))
                    .as("request %d and the %dth after it", i, limit.limit()).isGreaterThanOrEqualTo(limit.window());
        }
    }

    @Test
    void givenWaitersInLine_whenTheBudgetFrees_thenTheyAreServedInArrivalOrder() throws Exception {
        // Only the head of the line waits for the window, so the order of waits is the order of service. The
        // first wait holds until the test has lined every thread up, so that arrival order is known.
        CountDownLatch release = new CountDownLatch(1);
        List<String> served = Collections.synchronizedList(new ArrayList<>());
        RequestBudget gated = RequestBudget.inProcess(RateLimit.bursting(1, Duration.ofMinutes(1)), clock, d -> {
            served.add(Thread.currentThread().getName());
            release.await();
            clock.advance(d);
        });
        gated.acquire().settle();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> gated.acquire().settle(), "waiter-" + i);
            threads.add(t);
            t.start();
            // This thread has taken its place in line (waiting or sleeping) before the next one starts.
            while (t.getState() == Thread.State.RUNNABLE || t.getState() == Thread.State.NEW) {
                Thread.onSpinWait();
            }
        }
        release.countDown();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(served).containsExactly("waiter-0", "waiter-1", "waiter-2", "waiter-3");
    }

    @Test
    void givenRefusedKey_whenAcquired_thenEveryCallerIsRefusedWithoutWaiting() {
        RequestBudget budget = budget(RateLimit.bursting(5, Duration.ofMinutes(1)));
        budget.acquire().settle();
        budget.refuse(new ExportApiException(401, "Unauthenticated.", java.util.Map.of(), "POST /events/exports"));
        org.assertj.core.api.Assertions.assertThatThrownBy(budget::acquire).isInstanceOfSatisfying(
                ExportApiException.class, e -> assertThat(e.kind()).isEqualTo(ExportApiException.Kind.UNAUTHORIZED))
                .hasMessageContaining("not sent");
        assertThat(sleeps.all()).isEmpty();
    }

    @Test
    void givenNothingKnown_whenAnotherThreadAsks_thenItWaitsForTheFirstRequestsAnswer() throws Exception {
        RequestBudget budget = budget(RateLimit.bursting(5, Duration.ofMinutes(1)));
        RequestBudget.Permit probe = budget.acquire();
        Thread second = new Thread(() -> budget.acquire().settle());
        second.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (second.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(second.isAlive()).as("held back while the probe is out").isTrue();
        probe.settle();
        second.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(second.isAlive()).as("released by the probe's answer").isFalse();
        assertThat(sleeps.all()).isEmpty();
    }
}
