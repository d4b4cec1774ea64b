package io.github.cometlyexport.domain;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class PollingPolicyTest {
    private static final ExportJobId ID = new ExportJobId(9);
    private static final Instant T0 = Instant.parse("2024-01-15T10:00:00Z");
    private static final ExportJob.Queued QUEUED = new ExportJob.Queued(ID, T0, "");
    private static final ExportJob.Processing PROCESSING = QUEUED.startProcessing("");

    private final PollingPolicy policy = new PollingPolicy(Duration.ofSeconds(2), 2.0, Duration.ofSeconds(60),
            Duration.ofSeconds(1), Duration.ofHours(2), Duration.ofMinutes(10), Duration.ofMinutes(30));

    /** A random source that always draws the same fraction. */
    private static RandomGenerator fixed(double fraction) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return fraction;
            }
        };
    }

    private static JobWatch watchWith(int polls, ExportJob job, Instant now) {
        JobWatch watch = JobWatch.startingAt(T0);
        for (int i = 0; i < polls; i++) {
            watch = watch.observe(job, now);
        }
        return watch;
    }

    @Test
    void givenPolls_whenCeilingComputed_thenGrowsExponentiallyUpToTheCap() {
        assertThat(policy.ceiling(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.ceiling(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.ceiling(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.ceiling(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(policy.ceiling(6)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.ceiling(10_000)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void givenFullJitter_whenDrawn_thenWaitIsTheFractionOfTheCeiling() {
        JobWatch watch = watchWith(3, PROCESSING, T0.plusSeconds(5));
        PollDecision d = policy.decide(watch, T0.plusSeconds(5), fixed(0.5));
        assertThat(d).isEqualTo(new PollDecision.Wait(Duration.ofSeconds(4)));
        PollDecision top = policy.decide(watch, T0.plusSeconds(5), fixed(0.999_999));
        assertThat(((PollDecision.Wait) top).delay()).isLessThan(Duration.ofSeconds(8))
                .isGreaterThan(Duration.ofMillis(7_990));
    }

    @Test
    void givenJitterNearZero_whenDrawn_thenNeverBelowTheFloor() {
        JobWatch watch = watchWith(4, PROCESSING, T0.plusSeconds(5));
        assertThat(policy.decide(watch, T0.plusSeconds(5), fixed(0.0)))
                .isEqualTo(new PollDecision.Wait(Duration.ofSeconds(1)));
    }

    @Test
    void givenRandomJitter_whenDrawnManyTimes_thenAlwaysWithinFloorAndCeiling() {
        SplittableRandom random = new SplittableRandom(7);
        for (int polls = 1; polls < 12; polls++) {
            JobWatch watch = watchWith(polls, PROCESSING, T0);
            for (int i = 0; i < 200; i++) {
                Duration d = ((PollDecision.Wait) policy.decide(watch, T0, random)).delay();
                assertThat(d).isBetween(Duration.ofSeconds(1), policy.ceiling(polls));
            }
        }
    }

    @Test
    void givenTerminalJob_whenDecided_thenReady() {
        ExportJob.Failed failed = PROCESSING.fail("x");
        JobWatch watch = watchWith(1, failed, T0);
        assertThat(policy.decide(watch, T0, fixed(0.5))).isEqualTo(new PollDecision.Ready(failed));
    }

    @Test
    void givenOverallDeadlinePassed_whenDecided_thenGiveUpTimedOut() {
        PollingPolicy shortTimeout = policy.withTimeout(Duration.ofMinutes(5));
        Instant late = T0.plus(Duration.ofMinutes(5));
        PollDecision d = shortTimeout.decide(watchWith(5, PROCESSING, T0.plusSeconds(1)), late, fixed(0.5));
        assertThat(d).isInstanceOfSatisfying(PollDecision.GiveUp.class, g -> {
            assertThat(g.reason()).isEqualTo(PollDecision.Reason.TIMED_OUT);
            assertThat(g.detail()).contains("job 9").contains("5m");
        });
    }

    @Test
    void givenWaitWouldOvershootDeadline_whenDecided_thenWaitEndsAtTheDeadline() {
        PollingPolicy shortTimeout = policy.withTimeout(Duration.ofSeconds(90));
        Instant now = T0.plusSeconds(89);
        PollDecision d = shortTimeout.decide(watchWith(10, PROCESSING, T0.plusSeconds(1)), now, fixed(0.9));
        assertThat(d).isEqualTo(new PollDecision.Wait(Duration.ofSeconds(1)));
    }

    @Test
    void givenJobStuckQueued_whenQueuedBudgetSpent_thenGiveUpStuckQueued() {
        JobWatch watch = watchWith(20, QUEUED, T0.plusSeconds(1));
        PollDecision before = policy.decide(watch, T0.plus(Duration.ofMinutes(9)), fixed(0.5));
        assertThat(before).isInstanceOf(PollDecision.Wait.class);
        PollDecision after = policy.decide(watch, T0.plus(Duration.ofMinutes(10)), fixed(0.5));
        assertThat(after).isInstanceOfSatisfying(PollDecision.GiveUp.class,
                g -> assertThat(g.reason()).isEqualTo(PollDecision.Reason.STUCK_QUEUED));
    }

    @Test
    void givenLongProcessing_whenOnlyProcessingBudgetSpent_thenGiveUpProcessingTooLong() {
        // Queued for 9 minutes (within its 10-minute budget), then processing for 30 minutes.
        JobWatch watch = JobWatch.startingAt(T0).observe(QUEUED, T0)
                .observe(PROCESSING, T0.plus(Duration.ofMinutes(9)));
        assertThat(watch.processingSince()).isEqualTo(T0.plus(Duration.ofMinutes(9)));
        PollDecision during = policy.decide(watch, T0.plus(Duration.ofMinutes(38)), fixed(0.5));
        assertThat(during).isInstanceOf(PollDecision.Wait.class);
        PollDecision after = policy.decide(watch, T0.plus(Duration.ofMinutes(39)), fixed(0.5));
        assertThat(after).isInstanceOfSatisfying(PollDecision.GiveUp.class,
                g -> assertThat(g.reason()).isEqualTo(PollDecision.Reason.PROCESSING_TOO_LONG));
    }

    @Test
    void givenQueuedTime_whenProcessingStarts_thenQueuedBudgetNoLongerApplies() {
        JobWatch watch = JobWatch.startingAt(T0).observe(QUEUED, T0)
                .observe(PROCESSING, T0.plus(Duration.ofMinutes(9)));
        PollDecision d = policy.decide(watch, T0.plus(Duration.ofMinutes(15)), fixed(0.5));
        assertThat(d).isInstanceOf(PollDecision.Wait.class);
    }

    @Test
    void givenNoObservation_whenDecided_thenRefused() {
        assertThatThrownBy(() -> policy.decide(JobWatch.startingAt(T0), T0, fixed(0.5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenInvalidSettings_whenBuilt_thenRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new PollingPolicy(Duration.ZERO, 2, Duration.ofSeconds(1), Duration.ZERO,
                Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1))).hasMessageContaining("initialDelay");
        assertThatThrownBy(() -> new PollingPolicy(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1), Duration.ZERO,
                Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1))).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new PollingPolicy(Duration.ofSeconds(1), 2, Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1)))
                .hasMessageContaining("minDelay");
    }

    @Test
    void givenDefaults_whenRead_thenDocumentedValues() {
        PollingPolicy d = PollingPolicy.defaults();
        assertThat(d.timeout()).isEqualTo(Duration.ofHours(2));
        assertThat(d.minDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(d.maxDelay()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void givenUnusedLink_whenCompletedWithLink_thenReadyCarriesIt() {
        DownloadUrl link = DownloadUrl.of(URI.create("https://h/x?sig=1"), null, T0);
        ExportJob.Completed done = PROCESSING.complete(T0, link);
        assertThat(policy.decide(watchWith(1, done, T0), T0, fixed(0.1))).isEqualTo(new PollDecision.Ready(done));
    }

    @Test
    void givenLongTimeout_whenSet_thenQueuedAndProcessingTogetherAreBoundByItAlone() {
        PollingPolicy six = PollingPolicy.defaults().withTimeout(java.time.Duration.ofHours(6));
        org.assertj.core.api.Assertions.assertThat(List.of(six.timeout(), six.maxQueued(), six.maxProcessing()))
                .containsOnly(java.time.Duration.ofHours(6));
    }
}
