package io.github.cometlyexport.app.cli;

import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.domain.DayRecord;
import java.time.Duration;

/**
 * Days another process of the ledger is working on: how long to wait before asking again (a quarter of a lease, at
 * most 1 s: soon after the holder stores the day or gives it up, and soon after its lease expires if it died; each
 * ask is one ledger transaction and one manifest read), and what to tell people meanwhile.
 */
final class HeldDays {
    private static final Duration MOST = Duration.ofSeconds(1);

    private HeldDays() {
    }

    static Duration retryAfter(CometlyExportConfig config) {
        Duration quarter = config.leaseTtl().dividedBy(4);
        return quarter.compareTo(MOST) > 0 ? MOST : quarter;
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
