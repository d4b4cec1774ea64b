package io.github.cometlyexport.cli;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.app.CometlyExportBuilder;
import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.domain.DayClosure;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.PipelinePolicy;
import io.github.cometlyexport.port.driving.DayResult;
import io.github.cometlyexport.port.driving.ExportDaysCommand;
import io.github.cometlyexport.port.driving.ExportProgressListener;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code backfill --from D1 [--to D2] [filters] --out <dest> [--refresh-days N]}: one job per day, a renderer of the
 * core's days use case ({@link io.github.cometlyexport.app.ExportTable#exportDays()}): jobs are created as fast as the create budget allows (up
 * to {@code --jobs-in-flight}), polled by one poller under the status budget, and downloaded by
 * {@code --parallel} threads. Days stored and verified are skipped (so a rerun after a kill does only what is
 * missing), except the range's last {@code N} closed days with {@code --refresh-days}; days that are not closed are
 * listed as open. One day's failure, whatever it is, does not stop the others, except a refused key, which stops
 * every request at once. Days another process of the ledger holds are asked for again later, within
 * {@code --timeout}. The summary lists every day.
 */
@Command(name = "backfill", description = "Exports every closed day of a range, skipping days already stored and "
        + "verified; days not over yet are listed as open.")
final class BackfillCommand extends ApiCommand {
    private static final int MAX_DAYS = 3660;

    @Mixin
    DestinationOptions destination;

    @Mixin
    FilterOptions filters;

    @Mixin
    AttemptsOption maxAttempts;

    @Mixin
    DayOptions days;

    @Mixin
    LedgerOption ledger;

    @Mixin
    TimeoutOption timeout;

    @Mixin
    CreateRateOption createRate;

    @Override
    TimeoutOption timeout() {
        return timeout;
    }

    @Override
    CreateRateOption createRate() {
        return createRate;
    }

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First day.")
    String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day, inclusive (default: the last closed "
            + "day).")
    String to;

    @Option(names = "--refresh-days", defaultValue = "0", paramLabel = "N", description = "Also export again the "
            + "last N closed days of the range (counted back from --to, or from the last closed day when --to is "
            + "not closed or left out) even when stored (late data), replacing each in one step (default "
            + "${DEFAULT-VALUE}).")
    int refreshDays;

    @Option(names = "--parallel", defaultValue = "4", paramLabel = "N", description = "Files downloaded, verified "
            + "and stored at once (default ${DEFAULT-VALUE}): the threads and memory a run uses. Jobs are created and "
            + "polled by the rate budgets' pace whatever the number.")
    int parallel;

    @Option(names = "--jobs-in-flight", defaultValue = "25", paramLabel = "N", description = "Most days with a job "
            + "created and not yet finished at once (default ${DEFAULT-VALUE}: at 5 creates a minute, enough to keep "
            + "the create budget busy for jobs of up to 5 minutes).")
    int jobsInFlight;

    private LocalDate first;
    private LocalDate last;

    @Override
    void check(List<String> problems) {
        first = parseDate(from, "--from", problems);
        last = to == null ? null : parseDate(to, "--to", problems);
        filters.builder(first == null ? "2000-01-01" : first.toString()).violations()
                .forEach(v -> problems.add(v.toString()));
        filters.check(problems);
        if (parallel < 1 || parallel > 64) {
            problems.add("--parallel must be between 1 and 64");
        }
        if (jobsInFlight < 1 || jobsInFlight > 1000) {
            problems.add("--jobs-in-flight must be between 1 and 1000");
        }
        if (refreshDays < 0) {
            problems.add("--refresh-days must not be negative");
        }
        maxAttempts.check(problems);
    }

    @Override
    DestinationOptions destination() {
        return destination;
    }

    @Override
    LedgerOption ledger() {
        return ledger;
    }

    @Override
    DayOptions days() {
        return days;
    }

    @Override
    CometlyExportConfig configure(CometlyExportConfig config) {
        return maxAttempts.apply(config);
    }

    @Override
    CometlyExportBuilder wire(CometlyExportBuilder builder) {
        return builder.pipeline(PipelinePolicy.defaults().withDownloads(parallel).withJobsInFlight(jobsInFlight));
    }

    @Override
    int run(CometlyExport cometly, OutputPrinter printer, ConsoleProgress progress) throws InterruptedException {
        DayClosure closure = cometly.config().closure();
        Instant started = cli.clock.instant();
        LocalDate lastClosed = closure.lastClosedDay(started);
        LocalDate end = last != null ? last : lastClosed;
        List<String> problems = new ArrayList<>();
        if (end.isBefore(first)) {
            problems.add(last != null ? "--to " + end + " is before --from " + first : "no day from " + first
                    + " on is closed yet (the last closed day is " + lastClosed + ")");
        } else if (first.plusDays(MAX_DAYS).isBefore(end)) {
            problems.add("a backfill covers at most " + MAX_DAYS + " days");
        }
        if (!problems.isEmpty()) {
            return printer.usage(problems);
        }
        ExportRequest table = filters.builder(first.toString()).build();
        Duration heldWait = cometly.config().timeout();
        DaysReport report = new DaysReport(printer, table.dataset(), heldWait, cli.clock);
        List<DayResult> results = destination.table(cometly).exportDays().exportDays(new ExportDaysCommand(table, first, end, false,
                refreshDays, heldWait, ExportProgressListener.both(progress, report)));
        progress.endLive();
        return report.print(results);
    }
}
