package io.github.cometlyexport.cli;

import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.port.driving.DayResult;
import io.github.cometlyexport.port.driving.ExportProgressListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The report of a run of days, {@code export} (one day) and {@code backfill} alike: a table row on stderr and, with
 * {@code --json}, an object on stdout for every day, whatever happened to it; and the run's exit code, as the
 * command-line contract says: a refused key's (5) when any day met one, otherwise the first failed day's (days in
 * date order), otherwise 0.
 */
final class DaysReport implements ExportProgressListener {
    private final OutputPrinter printer;
    private final Dataset dataset;
    private final Duration heldWait;
    private final Clock clock;
    private final Instant started;
    private final Map<LocalDate, Duration> doneAt = new ConcurrentHashMap<>();

    /**
     * Made when the run starts; as the run's listener it notes when each day has its result.
     *
     * @param heldWait how long the run waited for days other processes held (said when one was still held)
     * @param clock    the CLI's clock
     */
    DaysReport(OutputPrinter printer, Dataset dataset, Duration heldWait, Clock clock) {
        this.dataset = dataset;
        this.printer = printer;
        this.heldWait = heldWait;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public void dayFinished(DayResult result) {
        doneAt.put(result.day(), Duration.between(started, clock.instant()));
    }

    /**
     * @param results one per day, in date order
     * @return the run's exit code
     */
    int print(List<DayResult> results) {
        ExitCode exit = ExitCode.OK;
        // Each day's detail line (where it was stored, or why it failed) first, then the table of every day.
        List<String> table = new java.util.ArrayList<>();
        table.add(String.format(Locale.ROOT, "%-10s  %-9s  %9s  %12s  %8s  %9s", "day", "result", "events",
                "bytes", "attempts", "done at s"));
        for (DayResult row : results) {
            String result;
            String events = "-";
            String bytes = "-";
            ExitCode code = ExitCode.OK;
            if (row instanceof DayResult.Open open) {
                result = "open";
                printer.result(OutputPrinter.dayJson(dataset, row.day(), "open", "closes_at",
                        open.closesAt().toString()));
            } else if (row instanceof DayResult.HeldElsewhere held) {
                code = ExitCode.TIMED_OUT;
                result = "timed out";
                String detail = HeldDays.gaveUp(held.record(), heldWait);
                printer.error(row.day() + ": gave up waiting: " + detail);
                printer.result(OutputPrinter.dayJson(dataset, row.day(), "timed_out", "message", detail));
            } else if (row instanceof DayResult.Failed failed) {
                code = ExitCode.of(failed.cause());
                result = "error";
                // The CLI's scrubber: the generic patterns and this run's own secrets (key, ledger password).
                String message = CliLogging.scrub(failed.cause().getMessage() == null
                        ? failed.cause().getClass().getSimpleName() : failed.cause().getMessage());
                printer.error(row.day() + ": " + message);
                printer.result(OutputPrinter.dayJson(dataset, row.day(), "error", "message", message));
            } else if (row instanceof DayResult.Stored || row instanceof DayResult.Skipped) {
                boolean skipped = row instanceof DayResult.Skipped;
                var stored = skipped ? ((DayResult.Skipped) row).stored() : ((DayResult.Stored) row).stored();
                result = skipped ? "skipped" : "stored";
                events = Long.toString(stored.manifest().events());
                bytes = Long.toString(stored.manifest().bytes());
                printer.result(OutputPrinter.storedJson(stored, row.attempts(), skipped ? "skipped" : "completed"));
                printer.note(row.day() + ": " + (skipped ? "already stored, skipped: " : "stored: ")
                        + stored.location() + " (" + stored.manifest().events() + " " + dataset.wireName() + ", "
                        + stored.manifest().bytes() + " bytes, sha256 " + stored.manifest().sha256() + ")");
            } else if (row instanceof DayResult.JobFailed f) {
                code = ExitCode.EXPORT_FAILED;
                result = "failed";
                String message = CliLogging.scrub(f.lastJob().message());
                printer.error(row.day() + ": export " + f.lastJob().id() + " failed after " + f.attempts()
                        + (f.attempts() == 1 ? " attempt" : " attempts") + ": " + message);
                printer.result(OutputPrinter.dayJson(dataset, row.day(), "failed", "message", message));
            } else {
                DayResult.GaveUp g = (DayResult.GaveUp) row;
                code = ExitCode.TIMED_OUT;
                result = "timed out";
                String detail = CliLogging.scrub(g.decision().detail());
                printer.error(row.day() + ": gave up waiting: " + detail);
                printer.result(OutputPrinter.dayJson(dataset, row.day(), "timed_out", "message", detail));
            }
            if (code == ExitCode.AUTH || exit == ExitCode.OK) {
                exit = code;
            }
            Duration at = doneAt.getOrDefault(row.day(), Duration.ZERO);
            table.add(String.format(Locale.ROOT, "%-10s  %-9s  %9s  %12s  %8s  %9.1f", row.day(), result, events,
                    bytes, row.attempts() == 0 && !(row instanceof DayResult.Stored) ? "-" : row.attempts(),
                    at.toMillis() / 1000.0));
        }
        printer.note("");
        table.forEach(printer::note);
        return exit.code;
    }
}
