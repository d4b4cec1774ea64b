package io.github.cometlyexport.cli;

import io.github.cometlyexport.domain.DayRecord;
import java.time.Duration;

/**
 * Days another process of the ledger is working on: what to tell people while the days use case waits for them
 * (it asks again every quarter lease, at most every second, within {@code --timeout}), and when it stopped waiting.
 */
final class HeldDays {
    private HeldDays() {
    }

    static String waiting(DayRecord held) {
        return held.key().day() + " is being exported by " + holder(held) + (held.leaseExpiresAt() == null ? ""
                : " (lease until " + held.leaseExpiresAt() + ")") + "; waiting for it";
    }

    /** @return why a run stopped waiting for a held day: who holds it, and for how long this run waited */
    static String gaveUp(DayRecord held, Duration timeout) {
        return held.key().day() + " is still being exported by " + holder(held) + " after " + timeout.toSeconds()
                + " s (--timeout)" + (held.leaseExpiresAt() == null ? "" : "; its lease runs until "
                + held.leaseExpiresAt());
    }

    private static String holder(DayRecord held) {
        return held.holder() == null ? "another process" : held.holder();
    }
}
