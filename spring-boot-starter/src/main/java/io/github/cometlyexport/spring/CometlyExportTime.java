package io.github.cometlyexport.spring;

import io.github.cometlyexport.port.driven.Sleeper;
import java.time.Clock;
import java.util.Objects;

/**
 * The time the export runs on: the client's clock and waits, the runner's closed days, the health's ages. A bean of
 * its own type (not a {@code Clock} bean, which would make a host's own {@code Clock} ambiguous); a host or a test
 * declares one to run on other time.
 *
 * @param clock   the time source
 * @param sleeper the waits (between polls, for the Space's budgets)
 */
public record CometlyExportTime(Clock clock, Sleeper sleeper) {
    /**
     * Checks that both are given.
     *
     * @param clock   the time source; not null
     * @param sleeper the waits; not null
     */
    public CometlyExportTime {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
    }

    /** @return the system's clock (UTC) and real sleeps */
    public static CometlyExportTime system() {
        return new CometlyExportTime(Clock.systemUTC(), Sleeper.system());
    }
}
