package io.github.cometlyexport.app.cli;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.Violation;
import io.github.cometlyexport.port.in.ExportEventsCommand;
import io.github.cometlyexport.port.in.ExportOutcome;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code backfill --from D1 --to D2 [filters] --out <dest>}: one job per day. Days run on {@code --parallel} threads;
 * the Space's shared rate budgets pace every create and status request, so as many jobs are in flight as the
 * budgets allow with no fixed sleep. Days already stored with a valid manifest are skipped, so a rerun after a kill
 * does only what is missing.
 */
@Command(name = "backfill", description = "Exports every day of a range, skipping days already stored and verified.")
final class BackfillCommand implements Callable<Integer> {
    private static final int MAX_DAYS = 3660;

    @ParentCommand
    CometlyExportCli cli;

    @Mixin
    CometlyExportCli.ApiOptions api;

    @Mixin
    CometlyExportCli.DestinationOptions destination;

    @Mixin
    FilterOptions filters;

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First day.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "Last day (inclusive).")
    String to;

    @Option(names = "--max-attempts", defaultValue = "3", description = "Jobs per day in all when jobs fail "
            + "(default ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--parallel", defaultValue = "4", description = "Days worked on at once (default "
            + "${DEFAULT-VALUE}); the rate budgets pace them whatever the number.")
    int parallel;

    private record Row(LocalDate day, ExportOutcome outcome, RuntimeException error, Duration took) {
    }

    @Override
    public Integer call() throws InterruptedException {
        List<String> problems = CometlyExportCli.problems();
        List<LocalDate> days = days(problems);
        for (Violation v : filters.builder(days.isEmpty() ? "2000-01-01" : days.get(0).toString()).violations()) {
            problems.add(v.toString());
        }
        if (parallel < 1 || parallel > 64) {
            problems.add("--parallel must be between 1 and 64");
        }
        CometlyExportConfig config = cli.config(api, destination, Math.max(1, maxAttempts), problems);
        if (!problems.isEmpty()) {
            return cli.usage(problems);
        }
        List<Row> rows = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, days.size()));
        try (CometlyExport cometly = CometlyExport.create(config)) {
            ConsoleProgress progress = cli.progress(api);
            List<Future<Row>> runs = new ArrayList<>();
            for (LocalDate day : days) {
                ExportRequest request = filters.builder(day.toString()).build();
                runs.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    try {
                        ExportOutcome outcome = cometly.exportEvents().export(new ExportEventsCommand(request,
                                cometly.pollingPolicy(), cometly.replacementPolicy(), cometly.downloadPolicy(),
                                progress));
                        return new Row(day, outcome, null, Duration.ofNanos(System.nanoTime() - start));
                    } catch (RuntimeException e) {
                        return new Row(day, null, e, Duration.ofNanos(System.nanoTime() - start));
                    }
                }));
            }
            for (Future<Row> run : runs) {
                try {
                    rows.add(run.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a backfill worker died", e.getCause());
                }
            }
            progress.endLive();
        } finally {
            pool.shutdownNow();
        }
        return summarize(rows);
    }

    private List<LocalDate> days(List<String> problems) {
        List<LocalDate> days = new ArrayList<>();
        LocalDate first = date(from, "--from", problems);
        LocalDate last = date(to, "--to", problems);
        if (first == null || last == null) {
            return days;
        }
        if (last.isBefore(first)) {
            problems.add("--to " + last + " is before --from " + first);
            return days;
        }
        if (first.plusDays(MAX_DAYS).isBefore(last)) {
            problems.add("a backfill covers at most " + MAX_DAYS + " days");
            return days;
        }
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
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

    private int summarize(List<Row> rows) {
        ExitCode worst = ExitCode.OK;
        if (!api.quiet) {
            cli.err.println();
            cli.err.println(String.format(Locale.ROOT, "%-10s  %-9s  %9s  %12s  %8s  %8s", "day", "result", "events",
                    "bytes", "attempts", "seconds"));
        }
        for (Row row : rows) {
            String result;
            String events = "-";
            String bytes = "-";
            String attempts = "-";
            ExitCode code = ExitCode.OK;
            if (row.error != null) {
                code = ExitCode.of(row.error);
                result = "error";
                cli.err.println("error: " + row.day + ": " + row.error.getMessage());
            } else if (row.outcome instanceof ExportOutcome.Stored s) {
                result = s.alreadyStored() ? "skipped" : "stored";
                events = Long.toString(s.stored().manifest().events());
                bytes = Long.toString(s.stored().manifest().bytes());
                attempts = Integer.toString(s.attempts());
                if (api.json) {
                    cli.out.println(CometlyExportCli.storedJson(s.stored(), s.attempts()));
                }
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
            if (!api.quiet) {
                cli.err.println(String.format(Locale.ROOT, "%-10s  %-9s  %9s  %12s  %8s  %8.1f", row.day, result,
                        events, bytes, attempts, row.took.toMillis() / 1000.0));
            }
        }
        return worst.code;
    }
}
