package io.github.cometlyexport.cli;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.domain.DayClosure;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.PollingPolicy;
import io.github.cometlyexport.port.driving.DayResult;
import io.github.cometlyexport.port.driving.ExportDaysCommand;
import io.github.cometlyexport.port.driving.ExportProgressListener;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code export --date D [filters] --out <dest>}. */
@Command(name = "export", description = "Creates an export job for one day, waits, downloads, verifies and stores "
        + "it; a failed job is replaced, up to --max-attempts. Inputs are checked before any request.")
final class ExportCommand extends ApiCommand {
    @Mixin
    DestinationOptions destination;

    @Mixin
    FilterOptions filters;

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The day, in the Space's "
            + "time zone.")
    String date;

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

    @Option(names = "--partial", description = "Export a day that is not over yet, stored as provisional; a later "
            + "export or backfill of that day, once it is closed, replaces it.")
    boolean partial;

    private ExportRequest.Builder request;

    @Override
    void check(List<String> problems) {
        request = filters.builder(date);
        request.violations().forEach(v -> problems.add(v.toString()));
        filters.check(problems);
        maxAttempts.check(problems);
    }

    @Override
    DayOptions days() {
        return days;
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
    LedgerOption ledger() {
        return ledger;
    }

    @Override
    int run(CometlyExport cometly, OutputPrinter printer, ConsoleProgress progress) throws InterruptedException {
        ExportRequest built = request.build();
        Instant started = cli.clock.instant();
        DayClosure closure = cometly.config().closure();
        if (!partial && !closure.isClosed(built.date(), started)) {
            return notClosed(printer, built.date(), closure);
        }
        // Another process works on the day: it stores it (then this run finds it stored) or dies (then its lease
        // expires and this run takes the day over, resuming its job); this run waits for that within --timeout.
        Duration heldWait = cometly.config().timeout();
        DaysReport report = new DaysReport(printer, built.dataset(), heldWait, cli.clock);
        DayResult result = destination.table(cometly).exportDays().exportDays(ExportDaysCommand.day(built).withPartial(partial)
                .withHeldWait(heldWait).withListener(ExportProgressListener.both(progress, report))).get(0);
        progress.endLive();
        if (result instanceof DayResult.Open) {
            // It was closed when this run began, by the same clock: only a clock that went back gets here.
            return notClosed(printer, built.date(), closure);
        }
        return report.print(List.of(result));
    }

    /** Refuses a day that is not closed, before any request (exit 2), saying when it closes. */
    private static int notClosed(OutputPrinter printer, LocalDate day, DayClosure closure) {
        return printer.usage(List.of("date: " + day + " is not over in the Space's time zone (" + closure.zone()
                + ", plus " + PollingPolicy.human(closure.settle()) + " for late events): it closes at "
                + closure.closesAt(day) + "; export it as provisional with --partial"));
    }
}
