package io.github.cometlyexport.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Runs the CLI's entry point in-process and keeps every line it printed, for the secrecy check. */
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

    CliHarness(Path home) {
        this.home = home;
    }

    CliHarness env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = CometlyExportCli.run(args, o, e, Map.copyOf(env), home);
        }
        Run run = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        PRINTED.add(run.out);
        PRINTED.add(run.err);
        return run;
    }
}
