package io.github.cometlyexport.app.cli;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.Redaction;
import io.github.cometlyexport.port.driving.ExportEventsCommand;
import io.github.cometlyexport.port.driving.ExportOutcome;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code backfill --from D1 --to D2 [filters] --out <dest>}: one job per day. Days run on {@code --parallel} threads;
 * the Space's request budgets pace every create and status request, so as many jobs are in flight as the budgets
 * allow with no fixed sleep. Days already stored with a valid manifest are skipped, so a rerun after a kill does
 * only what is missing. One day's failure, whatever it is, does not stop the others; the summary lists every day.
 */
@Command(name = "backfill", description = "Exports every day of a range, skipping days already stored and verified.")
final class BackfillCommand extends ApiCommand {
    private static final int MAX_DAYS = 3660;

    @Mixin
    DestinationOptions destination;

    @Mixin
    FilterOptions filters;

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First day.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "Last day (inclusive).")
    String to;

    @Mixin
    AttemptsOption maxAttempts;

    @Option(names = "--parallel", defaultValue = "4", paramLabel = "N", description = "Days worked on at once "
            + "(default ${DEFAULT-VALUE}); the rate budgets pace them whatever the number.")
    int parallel;

    private final List<LocalDate> days = new ArrayList<>();

    private record Row(LocalDate day, ExportOutcome outcome, Throwable error, Duration took) {
    }

    @Override
    void check(List<String> problems) {
        days(problems);
        filters.builder(days.isEmpty() ? "2000-01-01" : days.get(0).toString()).violations()
                .forEach(v -> problems.add(v.toString()));
        if (parallel < 1 || parallel > 64) {
            problems.add("--parallel must be between 1 and 64");
        }
        maxAttempts.check(problems);
    }

    @Override
    DestinationOptions destination() {
        return destination;
    }

    @Override
    CometlyExportConfig configure(CometlyExportConfig config) {
        return maxAttempts.apply(config);
    }

    @Override
    int run(CometlyExport cometly, OutputPrinter printer, ConsoleProgress progress) throws InterruptedException {
        List<Row> rows = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, days.size()));
        try {
            List<Future<Row>> runs = new ArrayList<>();
            for (LocalDate day : days) {
                ExportRequest request = filters.builder(day.toString()).build();
                runs.add(pool.submit(() -> exportDay(cometly, request, progress)));
            }
            for (int i = 0; i < runs.size(); i++) {
                try {
                    rows.add(runs.get(i).get());
                } catch (ExecutionException e) {
                    rows.add(new Row(days.get(i), null, e.getCause(), Duration.ZERO));
                }
            }
            progress.endLive();
        } finally {
            pool.shutdownNow();
        }
        return summarize(rows, printer);
    }

    private static Row exportDay(CometlyExport cometly, ExportRequest request, ConsoleProgress progress) {
        long start = System.nanoTime();
        try {
            ExportOutcome outcome = cometly.exportEvents().export(new ExportEventsCommand(request, progress));
            return new Row(request.date(), outcome, null, Duration.ofNanos(System.nanoTime() - start));
        } catch (RuntimeException | Error e) {
            // An Error in one day's worker (out of memory, say) is that day's failure, not the whole run's.
            return new Row(request.date(), null, e, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private void days(List<String> problems) {
        LocalDate first = date(from, "--from", problems);
        LocalDate last = date(to, "--to", problems);
        if (first == null || last == null) {
            return;
        }
        if (last.isBefore(first)) {
            problems.add("--to " + last + " is before --from " + first);
        } else if (first.plusDays(MAX_DAYS).isBefore(last)) {
            problems.add("a backfill covers at most " + MAX_DAYS + " days");
        } else {
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                days.add(d);
            }
        }
    }

    private static LocalDate date(String text, String flag, List<String> problems) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(flag + " '" + text + "' is not a date in the form YYYY-MM-DD");
            return null;
        }
    }

    /** An error outranks a failed day, which outranks a timed-out day. */
    private static int rank(ExitCode code) {
        return switch (code) {
            case OK -> 0;
            case TIMED_OUT -> 1;
            case EXPORT_FAILED -> 2;
            default -> 3;
        };
    }

    private int summarize(List<Row> rows, OutputPrinter printer) {
        ExitCode worst = ExitCode.OK;
        printer.note("");
        printer.note(String.format(Locale.ROOT, "%-10s  %-9s  %9s  %12s  %8s  %8s", "day", "result", "events",
                "bytes", "attempts", "seconds"));
        for (Row row : rows) {
            String result;
            String events = "-";
            String bytes = "-";
            String attempts = "-";
            ExitCode code = ExitCode.OK;
            if (row.error != null) {
                code = ExitCode.of(row.error);
                result = "error";
                printer.error(row.day + ": " + Redaction.scrub(row.error.getMessage() == null
                        ? row.error.getClass().getSimpleName() : row.error.getMessage()));
            } else if (row.outcome instanceof ExportOutcome.Stored s) {
                result = s.alreadyStored() ? "skipped" : "stored";
                events = Long.toString(s.stored().manifest().events());
                bytes = Long.toString(s.stored().manifest().bytes());
                attempts = Integer.toString(s.attempts());
                printer.result(OutputPrinter.storedJson(s.stored(), s.attempts()));
            } else if (row.outcome instanceof ExportOutcome.JobFailed f) {
                code = ExitCode.EXPORT_FAILED;
                result = "failed";
                attempts = Integer.toString(f.attempts());
            } else {
                code = ExitCode.TIMED_OUT;
                result = "timed out";
                attempts = Integer.toString(row.outcome.attempts());
            }
            if (rank(code) > rank(worst)) {
                worst = code;
            }
            printer.note(String.format(Locale.ROOT, "%-10s  %-9s  %9s  %12s  %8s  %8.1f", row.day, result, events,
                    bytes, attempts, row.took.toMillis() / 1000.0));
        }
        return worst.code;
    }
}
