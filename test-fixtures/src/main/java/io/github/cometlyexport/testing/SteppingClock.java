package io.github.cometlyexport.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until a test moves it ({@link #advance}); pair it with {@link FakeSleeps}. Thread-safe. */
public final class SteppingClock extends Clock {
    private final AtomicReference<Instant> now;

    /** @param start the first instant */
    public SteppingClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** @param by how far to move the clock forward */
    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a stepping clock is UTC");
    }
}
