package io.github.cometlyexport.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Clocks for driving a simulator's time from a test: a {@link Steppable} clock that moves only when told, and a
 * {@link #scaled scaled} clock that runs faster than real time so that minute-long rate windows pass in seconds.
 * Pass the same clock to the simulator ({@link SimulatorConfig.Builder#clock}) and to the client under test.
 */
public final class SimulatorClocks {
    private SimulatorClocks() {
    }

    /**
     * @param start the first instant
     * @return a clock that stands still until {@link Steppable#advance} is called
     */
    public static Steppable steppable(Instant start) {
        return new Steppable(start);
    }

    /**
     * @param start  the instant the clock shows now
     * @param factor how many times faster than real time it runs, at least 1
     * @return a clock that runs {@code factor} times faster than the system's monotonic time
     */
    public static Clock scaled(Instant start, long factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be at least 1, was " + factor);
        }
        return new Scaled(Objects.requireNonNull(start, "start"), factor);
    }

    /** A UTC clock that moves only when a test says so. Thread-safe. */
    public static final class Steppable extends Clock {
        private volatile Instant now;

        private Steppable(Instant start) {
            this.now = Objects.requireNonNull(start, "start");
        }

        /**
         * Moves the clock forward.
         *
         * @param step how far; not negative
         */
        public void advance(Duration step) {
            if (step.isNegative()) {
                throw new IllegalArgumentException("a clock does not go back: " + step);
            }
            synchronized (this) {
                now = now.plus(step);
            }
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final class Scaled extends Clock {
        private final Instant start;
        private final long startNanos = System.nanoTime();
        private final long factor;

        Scaled(Instant start, long factor) {
            this.start = start;
            this.factor = factor;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return start.plusNanos((System.nanoTime() - startNanos) * factor);
        }
    }
}
