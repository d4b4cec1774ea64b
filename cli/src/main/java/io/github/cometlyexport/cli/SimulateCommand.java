package io.github.cometlyexport.cli;

import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.SimulatorConfig;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code simulate [--port P] [--events N]}: the simulator alone, until interrupted. */
@Command(name = "simulate", description = "Runs the Cometly simulator on loopback until interrupted and prints its "
        + "base URL and demo key (the demo key only opens the simulator; it is not a secret).")
final class SimulateCommand implements Callable<Integer> {
    @ParentCommand
    CometlyExportCli cli;

    @Option(names = "--port", defaultValue = "0", paramLabel = "PORT", description = "API port on 127.0.0.1 "
            + "(default: any free port).")
    int port;

    @Option(names = "--events", defaultValue = "1000", paramLabel = "N", description = "Events per exported day "
            + "(default ${DEFAULT-VALUE}).")
    long events;

    @Override
    public Integer call() {
        if (port < 0 || port > 65535 || events < 0) {
            return new OutputPrinter(cli.out, cli.err, false, false).usage(List.of(
                    "--port must be 0–65535 and --events not negative"));
        }
        try (CometlySimulator sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().port(port)
                .defaultEvents(events).build())) {
            cli.out.println("COMETLY_BASE_URL=" + sim.baseUrl());
            cli.out.println("COMETLY_API_KEY=" + sim.demoKey());
            cli.out.flush();
            cli.err.println("Cometly simulator running; try: curl -H 'Authorization: Bearer " + sim.demoKey()
                    + "' " + sim.baseUrl() + "/events/exports/1001   (Ctrl-C stops it)");
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            // Interrupted (an embedding host stopping it): the simulator is closed above; that is a normal end.
            Thread.currentThread().interrupt();
        }
        return ExitCode.OK.code;
    }
}
