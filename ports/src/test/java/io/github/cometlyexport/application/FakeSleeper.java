package io.github.cometlyexport.application;

import io.github.cometlyexport.simulator.SimulatorClocks;

import io.github.cometlyexport.port.out.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A sleeper that records each pause and advances the test clock instead of waiting. */
final class FakeSleeper implements Sleeper {
    private final SimulatorClocks.Steppable clock;
    final List<Duration> sleeps = new ArrayList<>();

    FakeSleeper(SimulatorClocks.Steppable clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        clock.advance(duration);
    }

    Duration total() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
