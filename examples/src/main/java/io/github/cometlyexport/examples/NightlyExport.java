package io.github.cometlyexport.examples;

import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.port.driven.Sleeper;
import io.github.cometlyexport.port.driving.DayResult;
import io.github.cometlyexport.port.driving.ExportDaysCommand;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The host's nightly job: yesterday's events (in the Space's zone), and the day before exported again for events
 * that arrived late. Run it from cron after the Space's day has settled (2 h after midnight in its zone): a day that
 * has not is answered open, and exported by the next run.
 *
 * <p>Exit codes: 0 when every day is stored (or open, or already stored), 1 when a day failed, 2 when the
 * environment is wrong (every problem printed at once, never the key).
 */
public final class NightlyExport {
    /** Days before yesterday exported again by each run (late events). */
    public static final int REFRESH_DAYS = 1;

    private NightlyExport() {
    }

    /**
     * @param args none: the settings come from the environment ({@link HostSettings})
     */
    public static void main(String[] args) {
        System.exit(execute(System.getenv(), System.out, System.err));
    }

    /**
     * What {@link #main} does, without exiting.
     *
     * @param env the environment
     * @param out where the summary goes
     * @param err where problems go
     * @return the exit code
     */
    static int execute(Map<String, String> env, PrintStream out, PrintStream err) {
        HostSettings settings;
        try {
            settings = HostSettings.from(env);
        } catch (IllegalArgumentException e) {
            err.println("cometly-export nightly: " + e.getMessage());
            return 2;
        }
        List<DayResult> days = run(settings, new SimpleMeterRegistry(), new MemoryStore(), Clock.systemUTC(),
                Sleeper.system());
        summary(settings, days).forEach(out::println);
        return exitCode(days);
    }

    /**
     * @param settings the host's settings
     * @param registry where the client's meters go
     * @param store    the host's own store (the table when the destination is {@link HostSettings#MEMORY})
     * @param clock    the time source: which day is yesterday, and which days are closed
     * @param sleeper  how the client waits
     * @return one result per day: the day before yesterday, then yesterday
     */
    public static List<DayResult> run(HostSettings settings, MeterRegistry registry, MemoryStore store, Clock clock,
                                      Sleeper sleeper) {
        try (HostWiring.Wired wired = HostWiring.wire(settings, registry, store, clock, sleeper)) {
            // tag::nightly[]
            LocalDate yesterday = clock.instant().atZone(settings.config().closure().zone()).toLocalDate()
                    .minusDays(1);
            ExportRequest events = ExportRequest.builder().date(yesterday).build();   // every event, no filters
            return wired.table().exportDays().exportDays(ExportDaysCommand.range(events,
                            yesterday.minusDays(REFRESH_DAYS), yesterday)
                    .withRefreshLast(REFRESH_DAYS + 1));        // stored days again too: late events
            // end::nightly[]
        }
    }

    /**
     * @param days a run's results
     * @return 1 if a day failed (its jobs failed, its wait ran out, or anything else broke), else 0
     */
    public static int exitCode(List<DayResult> days) {
        return days.stream().anyMatch(NightlyExport::failed) ? 1 : 0;
    }

    private static boolean failed(DayResult day) {
        return day instanceof DayResult.JobFailed || day instanceof DayResult.GaveUp
                || day instanceof DayResult.Failed;
    }

    /**
     * @param settings the run's settings (the key is scrubbed from every line)
     * @param days     a run's results
     * @return one line per day, then a total
     */
    public static List<String> summary(HostSettings settings, List<DayResult> days) {
        List<String> lines = new ArrayList<>();
        for (DayResult day : days) {
            String line = day.day() + " " + describe(day);
            // Our results never carry the key; a host's summary makes sure of it all the same.
            lines.add(line.replace(settings.config().http().apiKey().reveal(), "(not shown)"));
        }
        long failed = days.stream().filter(NightlyExport::failed).count();
        lines.add(days.size() + " days, " + failed + " failed");
        return lines;
    }

    private static String describe(DayResult day) {
        if (day instanceof DayResult.Stored s) {
            return "stored " + s.stored().location() + " (" + s.stored().manifest().events() + " events, "
                    + s.attempts() + (s.attempts() == 1 ? " job)" : " jobs)");
        } else if (day instanceof DayResult.Skipped s) {
            return "already stored " + s.stored().location();
        } else if (day instanceof DayResult.Open o) {
            return "open until " + o.closesAt() + " (exported by a later run)";
        } else if (day instanceof DayResult.HeldElsewhere) {
            return "held by another process";
        } else if (day instanceof DayResult.JobFailed f) {
            return "FAILED: " + f.attempts() + (f.attempts() == 1 ? " job" : " jobs") + " failed, the last: "
                    + f.lastJob().message();
        } else if (day instanceof DayResult.GaveUp g) {
            return "FAILED: " + g.decision().detail();
        } else {
            DayResult.Failed f = (DayResult.Failed) day;
            return "FAILED: " + f.cause().getMessage();
        }
    }
}
