package io.github.cometlyexport.app.cli;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.app.CometlyExportBuilder;
import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.Redaction;
import io.github.cometlyexport.port.driven.Sleeper;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
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

    /** Every wait of a command goes through it: polls, budgets, and days another process holds. */
    final Sleeper sleeper = Sleeper.system();

    @Override
    public final Integer call() throws InterruptedException {
        List<String> problems = new ArrayList<>();
        check(problems);
        CometlyExportConfig config = cli.resolver().resolve(api, destination(), days(), ledger(), problems);
        OutputPrinter printer = new OutputPrinter(cli.out, cli.err, api.json, api.quiet);
        if (!problems.isEmpty()) {
            return printer.usage(problems);
        }
        CliLogging.verbose(api.verbose);
        Path metricsFile = cli.resolver().metricsFile(api);
        PrometheusMeterRegistry registry = metricsFile == null ? null
                : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CometlyExportBuilder builder = CometlyExport.builder(cli.tune(configure(config))).clock(cli.clock)
                .sleeper(sleeper).environment(cli.env());
        if (registry != null) {
            builder.meterRegistry(registry);
        }
        try (CometlyExport cometly = builder.build()) {
            cometly.metrics().ifPresent(m -> MetricsFile.carryOver(metricsFile, m));
            ConsoleProgress progress = new ConsoleProgress(cli.err, cli.terminal, api.quiet, api.verbose);
            if (api.verbose && ledger() != null) {
                progress.line("ledger " + cometly.ledger().describe());
            }
            boolean ok = false;
            try {
                int code = run(cometly, printer, progress);
                ok = code == ExitCode.OK.code;
                return code;
            } finally {
                progress.endLive();
                if (registry != null) {
                    cometly.metrics().orElseThrow().runEnded(spec.name(), ok);
                    writeMetrics(metricsFile, registry, printer);
                }
            }
        }
    }

    private static void writeMetrics(Path file, PrometheusMeterRegistry registry, OutputPrinter printer) {
        try {
            MetricsFile.write(file, registry.scrape());
        } catch (java.io.IOException e) {
            printer.error("cannot write the metrics file " + file + ": " + e.getMessage());
        }
    }

    /** @param problems add what is wrong with the command's own input */
    abstract void check(List<String> problems);

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
