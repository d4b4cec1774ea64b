package io.github.cometlyexport.spring;

import io.github.cometlyexport.port.driven.Sleeper;
import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.Journal;
import io.github.cometlyexport.simulator.SimulatorConfig;
import io.github.cometlyexport.testing.FakeSleeps;
import io.github.cometlyexport.testing.SteppingClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * One test's time and Cometly: a stepping clock the simulator and the application share, moved by the
 * application's waits (as real sleeps do, an interrupted thread's wait throws), and the simulator on loopback.
 */
final class TestTime implements AutoCloseable {
    static final String KEY = "spring_secret_key_5e8a0c3f";
    /** Noon, 16 January 2024, UTC: the last closed day (zone UTC, 2 h settle) is the 15th. */
    static final Instant T0 = Instant.parse("2024-01-16T12:00:00Z");
    static final LocalDate JAN_15 = LocalDate.parse("2024-01-15");
    private static final Pattern DATE = Pattern.compile("\"date\"\\s*:\\s*\"([0-9-]{10})\"");

    final SteppingClock clock = new SteppingClock(T0);
    final FakeSleeps sleeps = new FakeSleeps(clock::advance);
    final Sleeper sleeper = d -> {
        if (!d.isNegative() && !d.isZero() && Thread.interrupted()) {
            throw new InterruptedException("test sleeper interrupted");
        }
        sleeps.sleep(d);
    };
    final CometlySimulator sim;

    TestTime() {
        sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().key(KEY, "spring").defaultEvents(40)
                .clock(clock).build());
    }

    /** @return jobs the simulator created for that day (its journal of answered creates) */
    long createsFor(LocalDate day) {
        return sim.journal().count(e -> e.host() == Journal.Host.API && e.method().equals("POST")
                && e.status() / 100 == 2 && e.body() != null && DATE.matcher(e.body()).results()
                .anyMatch(m -> m.group(1).equals(day.toString())));
    }

    /** @return download responses the simulator began */
    long downloadsBegun() {
        return sim.journal().count(e -> e.host() == Journal.Host.DOWNLOAD);
    }

    /** Moves time on by a day (the next night). */
    void nextDay() {
        clock.advance(Duration.ofDays(1));
    }

    @Override
    public void close() {
        sim.close();
    }
}
