package io.github.cometlyexport.testing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Waits that move a test clock instead of passing, and are recorded: use {@code fakeSleeps::sleep} wherever a
 * {@code Sleeper} is wanted. Thread-safe.
 */
public final class FakeSleeps {
    private final Consumer<Duration> advance;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    /** @param advance moves the test clock, e.g. {@code clock::advance} */
    public FakeSleeps(Consumer<Duration> advance) {
        this.advance = Objects.requireNonNull(advance, "advance");
    }

    /** @param duration records it and moves the clock by it (zero or negative: recorded only) */
    public void sleep(Duration duration) {
        sleeps.add(duration);
        if (!duration.isNegative() && !duration.isZero()) {
            advance.accept(duration);
        }
    }

    /** @return every wait asked for, in order */
    public List<Duration> all() {
        return List.copyOf(sleeps);
    }

    /** @return the sum of every wait */
    public Duration total() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }

    /** Forgets the waits recorded so far. */
    public void clear() {
        sleeps.clear();
    }
}
