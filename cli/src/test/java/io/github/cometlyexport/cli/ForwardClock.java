package io.github.cometlyexport.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * One test's clock, shared by all the CLI runs of that test: it reads a chosen instant, then runs with real time, and
 * {@link #atLeast moving it on} never takes it back. A clock made afresh per run would restart at the same instant
 * each time, so that what one run wrote (a ledger row, a manifest) would look newer than the next run's own writes:
 * the very thing that hid the refresh bug. Thread-safe.
 */
final class ForwardClock extends Clock {
    private volatile Duration offset;

    /** @param start what the clock reads now */
    ForwardClock(Instant start) {
        offset = Duration.between(Instant.now(), start);
    }

    /**
     * @param at an instant the next run should see at least
     * @return this clock, moved on to {@code at} when it reads earlier (it never goes back)
     */
    synchronized ForwardClock atLeast(Instant at) {
        Instant now = instant();
        if (at.isAfter(now)) {
            offset = offset.plus(Duration.between(now, at));
        }
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the CLI reads instants only");
    }
}
