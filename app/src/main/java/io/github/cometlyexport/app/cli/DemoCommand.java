package io.github.cometlyexport.app.cli;

import io.github.cometlyexport.adapter.http.CometlyHttpConfig;
import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.domain.ApiKey;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.port.in.ExportEventsCommand;
import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.SimulatorConfig;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code demo [--out <dest>]}: the whole path against the embedded simulator, no account, no network. */
@Command(name = "demo", description = "Starts the embedded simulator on loopback and runs a verified export "
        + "against it: no account, no network.")
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    CometlyExportCli cli;

    @Option(names = "--out", defaultValue = "exports", description = "Where to store (default ./${DEFAULT-VALUE}).")
    String out;

    @Option(names = "--events", defaultValue = "20000", description = "Events in the day (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--json", description = "One JSON object per result on stdout.")
    boolean json;

    @Override
    public Integer call() {
        if (events < 0) {
            return cli.usage(List.of("--events must not be negative"));
        }
        SimulatorConfig simConfig = SimulatorConfig.defaults().toBuilder().defaultEvents(events)
                .scriptCycle(List.of(JobScript.builder().timeline(Duration.ofMillis(500), Duration.ofSeconds(1))
                        .build())).build();
        try (CometlySimulator sim = CometlySimulator.start(simConfig)) {
            cli.err.println("demo: simulator on " + sim.baseUrl());
            CometlyHttpConfig http = CometlyHttpConfig.defaults(new ApiKey(sim.demoKey())).toBuilder()
                    .baseUrl(sim.baseUrl()).build();
            CometlyExportConfig config = CometlyExportConfig.defaults(new ApiKey(sim.demoKey()), out).withHttp(http)
                    .withTimeout(Duration.ofMinutes(5));
            LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
            CometlyExportCli.ApiOptions api = new CometlyExportCli.ApiOptions();
            api.json = json;
            try (CometlyExport cometly = CometlyExport.create(config)) {
                ConsoleProgress progress = cli.progress(api);
                ExportRequest request = ExportRequest.builder().date(day).build();
                return cli.report(cometly.exportEvents().export(new ExportEventsCommand(request,
                        cometly.pollingPolicy(), cometly.replacementPolicy(), cometly.downloadPolicy(), progress)),
                        api, progress);
            }
        }
    }
}
