package io.github.cometlyexport.app.cli;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.port.driving.ExportEventsCommand;
import io.github.cometlyexport.port.driving.ExportOutcome;
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
        ExportEventsCommand command = new ExportEventsCommand(request.build(), partial
                ? ExportEventsCommand.Mode.PARTIAL : ExportEventsCommand.Mode.CLOSED_DAY, progress);
        ExportOutcome outcome = cometly.exportEvents().export(command);
        while (outcome instanceof ExportOutcome.HeldElsewhere held) {
            // Another process works on the day: it stores it (then this run finds it stored) or dies (then its
            // lease expires and this run takes the day over, resuming its job).
            progress.line(HeldDays.waiting(held.record()));
            sleeper.sleep(HeldDays.retryAfter(cometly.config()));
            outcome = cometly.exportEvents().export(command);
        }
        return printer.report(outcome);
    }
}
