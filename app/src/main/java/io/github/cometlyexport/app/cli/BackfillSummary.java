package io.github.cometlyexport.app.cli;

import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.Redaction;
import io.github.cometlyexport.port.driving.ExportOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * A backfill's report: a table row on stderr and, with {@code --json}, an object on stdout for every day, whatever
 * happened to it; and the run's exit code, as the command-line contract says: a refused key's (5) when any day met
 * one, otherwise the first failed day's (days in date order), otherwise 0.
 */
final class BackfillSummary {
    private final OutputPrinter printer;
    private final Dataset dataset;

    BackfillSummary(OutputPrinter printer, Dataset dataset) {
        this.dataset = dataset;
        this.printer = printer;
    }

    /**
     * One day's result: exported (an outcome), not exported (open), failed (an error), or still held by another
     * process when {@code --timeout} ran out ({@code heldTooLong} says by whom).
     */
    record Row(LocalDate day, ExportOutcome outcome, Throwable error, Instant closesAt, String heldTooLong,
               Duration took) {
        static Row open(LocalDate day, Instant closesAt) {
            return new Row(day, null, null, closesAt, null, Duration.ZERO);
        }

        static Row done(LocalDate day, ExportOutcome outcome, Duration took) {
            return new Row(day, outcome, null, null, null, took);
        }

        static Row failed(LocalDate day, Throwable error, Duration took) {
            return new Row(day, null, error, null, null, took);
        }

        static Row held(LocalDate day, String detail, Duration took) {
            return new Row(day, null, null, null, detail, took);
        }
    }

    int print(List<Row> rows) {
        ExitCode exit = ExitCode.OK;
        printer.note("");
        printer.note(String.format(Locale.ROOT, "%-10s  %-9s  %9s  %12s  %8s  %8s", "day", "result", "events",
                "bytes", "attempts", "seconds"));
        for (Row row : rows) {
            String result;
            String events = "-";
            String bytes = "-";
            String attempts = "-";
            ExitCode code = ExitCode.OK;
            if (row.closesAt() != null) {
                result = "open";
                printer.result(OutputPrinter.dayJson(dataset, row.day(), "open", "closes_at", row.closesAt().toString()));
            } else if (row.heldTooLong() != null) {
                code = ExitCode.TIMED_OUT;
                result = "timed out";
                printer.error(row.day() + ": gave up waiting: " + row.heldTooLong());
                printer.result(OutputPrinter.dayJson(dataset, row.day(), "timed_out", "message", row.heldTooLong()));
            } else if (row.error() != null) {
                code = ExitCode.of(row.error());
                result = "error";
                String message = Redaction.scrub(row.error().getMessage() == null
                        ? row.error().getClass().getSimpleName() : row.error().getMessage());
                printer.error(row.day() + ": " + message);
                printer.result(OutputPrinter.dayJson(dataset, row.day(), "error", "message", message));
            } else if (row.outcome() instanceof ExportOutcome.Stored s) {
                result = s.alreadyStored() ? "skipped" : "stored";
                events = Long.toString(s.stored().manifest().events());
                bytes = Long.toString(s.stored().manifest().bytes());
                attempts = Integer.toString(s.attempts());
                printer.result(OutputPrinter.storedJson(s.stored(), s.attempts(), s.alreadyStored() ? "skipped"
                        : "completed"));
            } else if (row.outcome() instanceof ExportOutcome.JobFailed f) {
                code = ExitCode.EXPORT_FAILED;
                result = "failed";
                attempts = Integer.toString(f.attempts());
                printer.result(OutputPrinter.dayJson(dataset, row.day(), "failed", "message", f.lastJob().message()));
            } else {
                ExportOutcome.GaveUp g = (ExportOutcome.GaveUp) row.outcome();
                code = ExitCode.TIMED_OUT;
                result = "timed out";
                attempts = Integer.toString(g.attempts());
                printer.result(OutputPrinter.dayJson(dataset, row.day(), "timed_out", "message", g.decision().detail()));
            }
            if (code == ExitCode.AUTH || exit == ExitCode.OK) {
                exit = code;
            }
            printer.note(String.format(Locale.ROOT, "%-10s  %-9s  %9s  %12s  %8s  %8.1f", row.day(), result, events,
                    bytes, attempts, row.took().toMillis() / 1000.0));
        }
        return exit.code;
    }
}
