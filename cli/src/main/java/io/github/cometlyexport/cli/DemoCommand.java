package io.github.cometlyexport.cli;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.domain.ApiKey;
import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.DayClosure;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.port.driving.ExportEventsCommand;
import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.SimulatorConfig;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code demo [--out <dest>]}: the whole path against the embedded simulator, with no account and no network. */
@Command(name = "demo", description = "Starts the embedded simulator on loopback and runs a verified export "
        + "against it: no account, no network.")
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    CometlyExportCli cli;

    @Option(names = "--out", defaultValue = "exports", paramLabel = "DEST", description = "Where to store (default "
            + "./${DEFAULT-VALUE}).")
    String out;

    @Option(names = "--events", defaultValue = "20000", paramLabel = "N", description = "Events in the day (default "
            + "${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--json", description = "One JSON object per result on stdout.")
    boolean json;

    @Mixin
    DatasetOption dataset;

    @Override
    public Integer call() {
        OutputPrinter printer = new OutputPrinter(cli.out, cli.err, json, false);
        List<String> problems = new java.util.ArrayList<>();
        if (events < 0) {
            problems.add("--events must not be negative");
        }
        Dataset which = dataset.parse(problems);
        if (!problems.isEmpty()) {
            return printer.usage(problems);
        }
        SimulatorConfig simConfig = SimulatorConfig.defaults().toBuilder().defaultEvents(events)
                .scriptCycle(List.of(JobScript.builder().timeline(Duration.ofMillis(500), Duration.ofSeconds(1))
                        .build())).build();
        try (CometlySimulator sim = CometlySimulator.start(simConfig)) {
            printer.note("demo: simulator on " + sim.baseUrl());
            ApiKey key = new ApiKey(sim.demoKey());
            // The simulator's Space keeps UTC days: its last closed day is the one to show.
            CometlyExportConfig config = CometlyExportConfig.builder(key).baseUrl(sim.baseUrl())
                    .timeout(Duration.ofMinutes(5)).closure(new DayClosure(ZoneOffset.UTC, Duration.ofHours(2)))
                    .build();
            ExportRequest request = ExportRequest.builder().dataset(which)
                    .date(config.closure().lastClosedDay(cli.clock.instant())).build();
            ConsoleProgress progress = new ConsoleProgress(cli.err, cli.terminal, false, false);
            try (CometlyExport cometly = CometlyExport.builder(cli.tune(config)).clock(cli.clock).build()) {
                return printer.report(cometly.table(out).exportEvents().export(new ExportEventsCommand(request,
                        progress)));
            } finally {
                progress.endLive();
            }
        }
    }
}
