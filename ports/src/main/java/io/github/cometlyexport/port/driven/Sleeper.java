package io.github.cometlyexport.port.driven;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits. The core never sleeps by itself: it asks a {@code Sleeper}, so that tests can pass a fake that advances a
 * test clock instead of time passing. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * @param duration how long; zero or negative returns at once
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /** @return a sleeper that really blocks the calling thread */
    static Sleeper system() {
        return duration -> {
            if (!duration.isNegative() && !duration.isZero()) {
                TimeUnit.NANOSECONDS.sleep(duration.toNanos());
            }
        };
    }
}
