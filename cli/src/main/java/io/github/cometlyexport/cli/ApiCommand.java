package io.github.cometlyexport.cli;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.app.CometlyExportBuilder;
import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.internal.Redaction;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.ParentCommand;

/**
 * The base of every command that calls the API: checks the command's own input and resolves the configuration,
 * reporting every problem at once before any request (exit 2); then wires a {@link CometlyExport} and runs the
 * command with it. A subclass says what it checks, where it stores, and what it does; it never calls another
 * command.
 */
abstract class ApiCommand implements Callable<Integer> {
    @ParentCommand
    CometlyExportCli cli;

    @Mixin
    ApiOptions api;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws InterruptedException {
        OutputPrinter printer = new OutputPrinter(cli.out, cli.err, api.json, api.quiet);
        CliLogging.verbose(api.verbose);
        // Resolved first: every run that got this far leaves its file, also one that fails while it is set up.
        RunMetrics metrics = new RunMetrics(cli.resolver().metricsFile(api), cli.clock);
        boolean ok = false;
        try {
            List<String> problems = new ArrayList<>();
            check(problems);
            CometlyExportConfig config = cli.resolver().resolve(new ConfigResolver.Options(api, timeout(),
                    createRate(), destination(), days(), ledger()), problems);
            if (!problems.isEmpty()) {
                return printer.usage(problems);
            }
            CliLogging.secrets(LedgerSecrets.of(config.ledger(), cli.env()));
            CliLogging.secrets(List.of(config.http().apiKey().reveal()));
            CometlyExportConfig wired = cli.tune(configure(config));
            ConsoleProgress progress = new ConsoleProgress(cli.err, cli.terminal, api.quiet, api.verbose);
            CometlyExportBuilder builder = CometlyExport.builder(wired).clock(cli.clock).sleeper(cli.sleeper)
                    .environment(cli.env()).budgetWaits((kind, wait) -> progress.budgetWait(kind, wait,
                            rate(wired, kind)));
            metrics.registry().ifPresent(builder::meterRegistry);
            try (CometlyExport cometly = wire(builder).build()) {
                metrics.wired(cometly.metrics());
                if (api.verbose && ledger() != null) {
                    progress.line("ledger " + cometly.ledger().describe());
                }
                try {
                    int code = run(cometly, printer, progress);
                    ok = code == ExitCode.OK.code;
                    return code;
                } finally {
                    progress.endLive();
                }
            }
        } finally {
            metrics.ended(spec.name(), ok, printer);
        }
    }

    /** @return the budget's rate for people: {@code 5 per minute} */
    private static String rate(CometlyExportConfig config, String kind) {
        int n = kind.equals("create") ? config.createRate() : config.statusRate();
        Duration window = config.rateWindow();
        return n + " per " + (window.equals(Duration.ofMinutes(1)) ? "minute"
                : window.toMillis() % 1000 == 0 ? window.toSeconds() + " s" : window.toMillis() + " ms");
    }

    /** @param problems add what is wrong with the command's own input */
    abstract void check(List<String> problems);

    /** @return {@code --timeout}; {@code null} (the default) for commands that wait for nothing */
    TimeoutOption timeout() {
        return null;
    }

    /** @return {@code --create-rate}; {@code null} (the default) for commands that create no job */
    CreateRateOption createRate() {
        return null;
    }

    /** @return where files go; {@code null} (the default) for commands that store nothing */
    DestinationOptions destination() {
        return null;
    }

    /** @return where the ledger is; {@code null} (the default) for commands that keep no state */
    LedgerOption ledger() {
        return null;
    }

    /** @return when days close; {@code null} (the default) for commands that export no day */
    DayOptions days() {
        return null;
    }

    /** @return the configuration with what this command's own options change (default: as resolved) */
    CometlyExportConfig configure(CometlyExportConfig config) {
        return config;
    }

    /** @return the builder with what this command's own options wire (default: as it is) */
    CometlyExportBuilder wire(CometlyExportBuilder builder) {
        return builder;
    }

    /** @return the exit code */
    abstract int run(CometlyExport cometly, OutputPrinter printer, ConsoleProgress progress)
            throws InterruptedException;

    /** @return the day, or {@code null} with a problem added (the text is echoed only if it cannot be a key) */
    static LocalDate parseDate(String text, String flag, List<String> problems) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(flag + " " + Redaction.echo(text) + " is not a date in the form YYYY-MM-DD");
            return null;
        }
    }

    /** @return the id, or {@code null} with a problem added */
    static ExportJobId parseId(String text, List<String> problems) {
        try {
            return ExportJobId.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }
}
