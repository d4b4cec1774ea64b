package io.github.cometlyexport.application;

import io.github.cometlyexport.simulator.SimulatorClocks;
import io.github.cometlyexport.testing.FakeSleeps;

import static io.github.cometlyexport.domain.ExportJob.Kind.COMPLETED;
import static io.github.cometlyexport.domain.ExportJob.Kind.FAILED;
import static io.github.cometlyexport.domain.ExportJob.Kind.PROCESSING;
import static io.github.cometlyexport.domain.ExportJob.Kind.QUEUED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.PollDecision;
import io.github.cometlyexport.domain.PollingPolicy;
import io.github.cometlyexport.port.driving.AwaitExportCommand;
import io.github.cometlyexport.port.driving.AwaitOutcome;
import io.github.cometlyexport.port.driving.ExportProgressListener;
import io.github.cometlyexport.port.driving.GetExportStatusCommand;
import io.github.cometlyexport.port.driven.ExportApiException;
import io.github.cometlyexport.port.driven.ExportProtocolException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AwaitExportServiceTest {
    private final SimulatorClocks.Steppable clock = SimulatorClocks.steppable(Instant.parse("2024-01-16T06:00:00Z"));
    private final FakeSleeps sleeper = new FakeSleeps(clock::advance);
    private final FakeCometly cometly = new FakeCometly(clock);
    private final AwaitExportService service = new AwaitExportService(cometly, PollingPolicy.defaults(), clock,
            sleeper::sleep, new SplittableRandom(1));

    @Test
    void givenJobThatCompletes_whenAwaited_thenFinishedAfterPollingThroughTheSleeper() {
        cometly.job(1, new byte[0], QUEUED, PROCESSING, PROCESSING, COMPLETED);
        List<ExportJob.Kind> heard = new ArrayList<>();
        ExportProgressListener listener = new ExportProgressListener() {
            @Override
            public void statusObserved(ExportJob job, Duration nextPoll) {
                heard.add(job.kind());
            }
        };
        AwaitOutcome outcome = service.await(new AwaitExportCommand(new ExportJobId(1), listener));
        assertThat(outcome).isInstanceOfSatisfying(AwaitOutcome.Finished.class, f -> {
            assertThat(f.job().kind()).isEqualTo(COMPLETED);
            assertThat(f.polls()).isEqualTo(4);
        });
        assertThat(sleeper.all()).hasSize(3).allSatisfy(d -> assertThat(d).isPositive());
        assertThat(heard).containsExactly(QUEUED, PROCESSING, PROCESSING, COMPLETED);
        assertThat(cometly.fetches).hasSize(4);
    }

    @Test
    void givenJobThatFails_whenAwaited_thenFinishedWithTheFailure() {
        cometly.job(2, new byte[0], QUEUED, FAILED);
        AwaitOutcome outcome = service.await(AwaitExportCommand.of(new ExportJobId(2)));
        assertThat(outcome).isInstanceOfSatisfying(AwaitOutcome.Finished.class,
                f -> assertThat(f.job()).isInstanceOf(ExportJob.Failed.class));
    }

    @Test
    void givenJobStuckQueued_whenAwaited_thenGivesUpStuckQueuedAtTheBudget() {
        cometly.job(3, new byte[0], QUEUED);
        PollingPolicy policy = new PollingPolicy(Duration.ofSeconds(2), 2, Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ofHours(2), Duration.ofMinutes(5), Duration.ofHours(1));
        AwaitOutcome outcome = new AwaitExportService(cometly, policy, clock, sleeper::sleep, new SplittableRandom(1))
                .await(new AwaitExportCommand(new ExportJobId(3), null));
        assertThat(outcome).isInstanceOfSatisfying(AwaitOutcome.GaveUp.class, g -> {
            assertThat(g.decision().reason()).isEqualTo(PollDecision.Reason.STUCK_QUEUED);
            assertThat(g.lastSeen().kind()).isEqualTo(QUEUED);
        });
        assertThat(sleeper.total()).isEqualTo(Duration.ofMinutes(5));
        // Backoff capped at 30 s with jitter: far fewer polls than one per second.
        assertThat(cometly.fetches.size()).isBetween(10, 80);
    }

    @Test
    void givenStatusThatGoesBackwards_whenAwaited_thenProtocolErrorNamesBothStates() {
        cometly.job(4, new byte[0], PROCESSING, QUEUED);
        assertThatThrownBy(() -> service.await(AwaitExportCommand.of(new ExportJobId(4))))
                .isInstanceOf(ExportProtocolException.class)
                .hasMessageContaining("from processing to queued");
    }

    @Test
    void givenUnknownJob_whenStatusAsked_thenNotFoundPropagates() {
        GetExportStatusService status = new GetExportStatusService(cometly);
        assertThatThrownBy(() -> status.getStatus(new GetExportStatusCommand(new ExportJobId(404))))
                .isInstanceOfSatisfying(ExportApiException.class,
                        e -> assertThat(e.kind()).isEqualTo(ExportApiException.Kind.NOT_FOUND));
    }

    @Test
    void givenInterruptedSleeper_whenAwaited_thenInterruptFlagIsKept() {
        cometly.job(5, new byte[0], QUEUED, COMPLETED);
        AwaitExportService interrupted = new AwaitExportService(cometly, PollingPolicy.defaults(), clock, d -> {
            throw new InterruptedException("stop");
        }, new SplittableRandom(1));
        try {
            assertThatThrownBy(() -> interrupted.await(AwaitExportCommand.of(new ExportJobId(5))))
                    .hasMessageContaining("interrupted while waiting for job 5");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
