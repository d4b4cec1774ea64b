package io.github.cometlyexport.application;

import io.github.cometlyexport.port.driven.ExportInterruptedException;
import io.github.cometlyexport.port.driven.Sleeper;
import java.time.Duration;

/** Sleeping through a {@link Sleeper}, turning an interrupt into an {@link ExportInterruptedException}. */
final class Pauses {
    private Pauses() {
    }

    static void pause(Sleeper sleeper, Duration duration, String what) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExportInterruptedException("interrupted while " + what, e);
        }
    }
}
