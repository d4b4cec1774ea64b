package io.github.cometlyexport.cli;

import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.port.driven.Sleeper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Runs the CLI's entry point in-process and keeps every line it printed, for the secrecy check. Tests set what
 * the product CLI does not offer (a short download timeout, a fast rate window) on the configuration directly.
 */
final class CliHarness {
    /** Everything any run printed, across all tests of the JVM. */
    static final List<String> PRINTED = new CopyOnWriteArrayList<>();

    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Map<String, String> env = new HashMap<>();
    private final Path home;
    private UnaryOperator<CometlyExportConfig> tuning = UnaryOperator.identity();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private OutputStream outWatcher = OutputStream.nullOutputStream();

    CliHarness(Path home) {
        this.home = home;
    }

    CliHarness env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** @param tune changes every configuration the run wires, after the options are resolved */
    CliHarness tune(UnaryOperator<CometlyExportConfig> tune) {
        this.tuning = tune;
        return this;
    }

    /** @param now the clock that says which days are closed (and times the run's budgets) */
    CliHarness clock(Clock now) {
        this.clock = now;
        return this;
    }

    /** @param waits every wait of the run (polls, budgets, held days): e.g. one that moves a test clock instead */
    CliHarness sleeper(Sleeper waits) {
        this.sleeper = waits;
        return this;
    }

    /** @param watcher also receives everything the run writes to stdout, as it is written */
    CliHarness watchOut(OutputStream watcher) {
        this.outWatcher = watcher;
        return this;
    }

    Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                outWatcher.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                outWatcher.write(b, off, len);
            }
        };
        try (PrintStream o = new PrintStream(tee, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = CometlyExportCli.run(args, o, e, Map.copyOf(env), home, false, tuning, clock, sleeper);
        }
        Run run = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        PRINTED.add(run.out);
        PRINTED.add(run.err);
        return run;
    }
}
