package io.github.cometlyexport.app.cli;

import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.SimulatorConfig;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code simulate [--port P] [--events N]}: the simulator alone, until interrupted. */
@Command(name = "simulate", description = "Runs the Cometly simulator on loopback until interrupted and prints its "
        + "base URL and demo key (the demo key only opens the simulator; it is not a secret).")
final class SimulateCommand implements Callable<Integer> {
    @ParentCommand
    CometlyExportCli cli;

    @Option(names = "--port", defaultValue = "0", description = "API port on 127.0.0.1 (default: any free port).")
    int port;

    @Option(names = "--events", defaultValue = "1000", description = "Events per exported day "
            + "(default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--exit-after", hidden = true, description = "Stop after this long (for tests).")
    String exitAfter;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535 || events < 0) {
            return cli.usage(List.of("--port must be 0–65535 and --events not negative"));
        }
        try (CometlySimulator sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().port(port)
                .defaultEvents(events).build())) {
            cli.out.println("COMETLY_BASE_URL=" + sim.baseUrl());
            cli.out.println("COMETLY_API_KEY=" + sim.demoKey());
            cli.out.flush();
            cli.err.println("Cometly simulator running; try: curl -H 'Authorization: Bearer " + sim.demoKey()
                    + "' " + sim.baseUrl() + "/events/exports/1001   (Ctrl-C stops it)");
            CountDownLatch forever = new CountDownLatch(1);
            if (exitAfter != null) {
                forever.await(Settings.duration(exitAfter, "--exit-after").toMillis(), TimeUnit.MILLISECONDS);
            } else {
                forever.await();
            }
        }
        return ExitCode.OK.code;
    }
}
