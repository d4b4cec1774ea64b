package io.github.cometlyexport.application;

import io.github.cometlyexport.port.driving.AwaitExportCommand;
import io.github.cometlyexport.port.driving.AwaitExportUseCase;
import io.github.cometlyexport.port.driving.AwaitOutcome;
import io.github.cometlyexport.port.driven.FetchExportJobPort;
import io.github.cometlyexport.port.driven.Sleeper;
import io.github.cometlyexport.domain.PollingPolicy;
import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Polls a job until it is terminal or a budget of the {@link io.github.cometlyexport.domain.PollingPolicy} runs
 * out. A status that goes backwards is a protocol error. Thread-safe if its collaborators are.
 */
public final class AwaitExportService implements AwaitExportUseCase {
    private final JobAwaiter awaiter;
    private final PollingPolicy policy;

    /**
     * @param fetch   reads job statuses (and paces them within the Space's status budget)
     * @param policy  when to poll and when to give up
     * @param clock   the time source for budgets
     * @param sleeper waits between polls
     * @param random  the jitter source
     */
    public AwaitExportService(FetchExportJobPort fetch, PollingPolicy policy, Clock clock, Sleeper sleeper,
                              RandomGenerator random) {
        this.awaiter = new JobAwaiter(fetch, clock, sleeper, random);
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public AwaitOutcome await(AwaitExportCommand command) {
        return awaiter.await(command.exportId(), policy, command.listener());
    }
}
