package io.github.cometlyexport.app.cli;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.port.driving.ExportEventsCommand;
import io.github.cometlyexport.port.driving.ExportOutcome;
import java.time.Duration;
import java.time.Instant;
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
        ExportEventsCommand command = new ExportEventsCommand(built, partial
                ? ExportEventsCommand.Mode.PARTIAL : ExportEventsCommand.Mode.CLOSED_DAY, progress);
        ExportOutcome outcome = cometly.exportEvents().export(command);
        // Another process works on the day: it stores it (then this run finds it stored) or dies (then its lease
        // expires and this run takes the day over, resuming its job); this run waits for that within --timeout.
        Instant deadline = cli.clock.instant().plus(cometly.config().timeout());
        String said = null;
        while (outcome instanceof ExportOutcome.HeldElsewhere held) {
            Duration left = Duration.between(cli.clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                String detail = HeldDays.gaveUp(held.record(), cometly.config().timeout());
                printer.result(OutputPrinter.dayJson(built.dataset(), built.date(), "timed_out", "message", detail));
                printer.error("gave up waiting: " + detail);
                return ExitCode.TIMED_OUT.code;
            }
            String waiting = HeldDays.waiting(held.record());
            if (!waiting.equals(said)) {
                progress.line(waiting);
                said = waiting;
            }
            Duration retry = HeldDays.retryAfter(cometly.config());
            cli.sleeper.sleep(retry.compareTo(left) < 0 ? retry : left);
            outcome = cometly.exportEvents().export(command);
        }
        return printer.report(outcome);
    }
}
