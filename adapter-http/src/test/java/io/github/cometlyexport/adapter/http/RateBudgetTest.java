package io.github.cometlyexport.adapter.http;

import io.github.cometlyexport.simulator.SimulatorClocks;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.port.out.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateBudgetTest {
    private final SimulatorClocks.Steppable clock = SimulatorClocks.steppable(Instant.parse("2024-01-16T06:00:00Z"));
    private final List<Duration> waits = new ArrayList<>();
    private final Sleeper sleeper = d -> {
        waits.add(d);
        clock.advance(d);
    };

    @Test
    void givenFiveCreatesPerMinute_whenTwelveAreAsked_thenFiveGoAtOnceThenEachWaitsForTheGuardedWindow() {
        RateBudget budget = new RateBudget(5, Duration.ofMinutes(1), Duration.ZERO);
        List<Duration> sentAt = new ArrayList<>();
        java.time.Instant start = clock.instant();
        for (int i = 0; i < 12; i++) {
            budget.acquire(clock, sleeper);
            sentAt.add(Duration.between(start, clock.instant()));
        }
        assertThat(sentAt.subList(0, 5)).allSatisfy(d -> assertThat(d).isZero());
        assertThat(sentAt.subList(5, 10)).allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofSeconds(63)));
        assertThat(sentAt.subList(10, 12)).allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofSeconds(126)));
        // Any 60-second span holds at most five requests.
        for (int i = 0; i + 5 < sentAt.size(); i++) {
            assertThat(sentAt.get(i + 5).minus(sentAt.get(i))).isGreaterThan(Duration.ofSeconds(60));
        }
    }

    @Test
    void givenSmoothStatusBudget_whenPolledInABurst_thenRequestsAreSpacedAndNeverMoreThanThirtyAMinute() {
        RateBudget budget = new RateBudget(30, Duration.ofMinutes(1), Duration.ofSeconds(2));
        java.time.Instant start = clock.instant();
        List<Duration> sentAt = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            budget.acquire(clock, sleeper);
            sentAt.add(Duration.between(start, clock.instant()));
        }
        for (int i = 1; i < sentAt.size(); i++) {
            assertThat(sentAt.get(i).minus(sentAt.get(i - 1))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        }
        for (int i = 0; i + 30 < sentAt.size(); i++) {
            assertThat(sentAt.get(i + 30).minus(sentAt.get(i))).isGreaterThan(Duration.ofSeconds(60));
        }
    }

    @Test
    void givenServerReportsNoBudgetLeft_whenOurOwnLogIsFull_thenNoExtraPauseElseWaitForTheWindow() {
        RateBudget ours = new RateBudget(2, Duration.ofMinutes(1), Duration.ZERO);
        ours.acquire(clock, sleeper);
        ours.acquire(clock, sleeper);
        ours.exhausted(clock.instant(), Duration.ofMinutes(1));
        ours.acquire(clock, sleeper);
        assertThat(waits).containsExactly(Duration.ofSeconds(63));

        waits.clear();
        RateBudget shared = new RateBudget(2, Duration.ofMinutes(1), Duration.ZERO);
        shared.acquire(clock, sleeper);
        shared.exhausted(clock.instant(), Duration.ofSeconds(40));
        shared.acquire(clock, sleeper);
        assertThat(waits).containsExactly(Duration.ofSeconds(40));
    }

    @Test
    void givenPause_whenAcquired_thenEveryUserWaitsItOut() {
        RateBudget budget = new RateBudget(30, Duration.ofMinutes(1), Duration.ZERO);
        budget.acquire(clock, sleeper);
        budget.pause(clock.instant(), Duration.ofSeconds(7));
        budget.pause(clock.instant(), Duration.ofSeconds(2));
        budget.acquire(clock, sleeper);
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }
}
