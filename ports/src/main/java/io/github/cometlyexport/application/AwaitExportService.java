package io.github.cometlyexport.application;

import io.github.cometlyexport.port.in.AwaitExportCommand;
import io.github.cometlyexport.port.in.AwaitExportUseCase;
import io.github.cometlyexport.port.in.AwaitOutcome;
import io.github.cometlyexport.port.out.FetchExportJobPort;
import io.github.cometlyexport.port.out.Sleeper;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * Polls a job until it is terminal or a budget of the {@link io.github.cometlyexport.domain.PollingPolicy} runs
 * out. A status that goes backwards is a protocol error. Thread-safe if its collaborators are.
 */
public final class AwaitExportService implements AwaitExportUseCase {
    private final JobAwaiter awaiter;

    /**
     * @param fetch   reads job statuses (and paces them within the Space's status budget)
     * @param clock   the time source for budgets
     * @param sleeper waits between polls
     * @param random  the jitter source
     */
    public AwaitExportService(FetchExportJobPort fetch, Clock clock, Sleeper sleeper, RandomGenerator random) {
        this.awaiter = new JobAwaiter(fetch, clock, sleeper, random);
    }

    @Override
    public AwaitOutcome await(AwaitExportCommand command) {
        return awaiter.await(command.exportId(), command.policy(), command.listener());
    }
}
