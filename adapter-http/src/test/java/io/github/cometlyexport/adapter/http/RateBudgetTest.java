package io.github.cometlyexport.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.port.out.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateBudgetTest {
    private final TestSupport.MutableClock clock = new TestSupport.MutableClock();
    private final List<Duration> waits = new ArrayList<>();
    private final Sleeper sleeper = d -> {
        waits.add(d);
        clock.advance(d);
    };

    @Test
    void givenFiveCreatesPerMinute_whenTwelveAreAsked_thenFiveGoAtOnceThenEachWaitsForTheGuardedWindow() {
        RateBudget budget = new RateBudget(5, Duration.ofMinutes(1));
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
    void givenPause_whenAcquired_thenEveryUserWaitsItOut() {
        RateBudget budget = new RateBudget(30, Duration.ofMinutes(1));
        budget.acquire(clock, sleeper);
        budget.pause(clock.instant(), Duration.ofSeconds(7));
        budget.pause(clock.instant(), Duration.ofSeconds(2));
        budget.acquire(clock, sleeper);
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }
}
