package io.github.cometlyexport.cli;

import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.port.driven.Sleeper;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The {@code cometly-export} command. {@link #run} is the entry point for embedders (streams, environment and home
 * folder passed in); {@link #main} wires it to the process. {@code --help} and {@code --version} work on every
 * command, print to stdout and exit 0; parse errors name options, never the values given (a value may be a key).
 */
@Command(name = "cometly-export", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = CometlyExportCli.Version.class,
        description = "Gets Cometly event exports out reliably: every event, exactly once, verified.",
        subcommands = {StatusCommand.class, WaitCommand.class, DownloadCommand.class, ExportCommand.class,
            BackfillCommand.class, AuditCommand.class, LedgerCommand.class, DemoCommand.class, SimulateCommand.class, CommandLine.HelpCommand.class,
            picocli.AutoComplete.GenerateCompletion.class},
        footer = {"", "Exit codes: 0 done, 1 internal error, 2 bad usage, 3 export failed, 4 timed out, "
                + "5 auth refused, 6 not found, 7 integrity check failed, 8 storage failed, "
                + "9 audit found days missing or damaged."})
public final class CometlyExportCli implements Callable<Integer> {
    final PrintStream out;
    final PrintStream err;
    final boolean terminal;
    final Clock clock;
    /** Every wait of a command goes through it: polls, budgets, and days another process holds. */
    final Sleeper sleeper;
    private final ConfigResolver resolver;
    private final Settings settings;
    private final UnaryOperator<CometlyExportConfig> tuning;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private CometlyExportCli(PrintStream out, PrintStream err, Settings settings, boolean terminal, Clock clock,
                             Sleeper sleeper, UnaryOperator<CometlyExportConfig> tuning) {
        this.out = out;
        this.clock = clock;
        this.sleeper = sleeper;
        this.err = err;
        this.resolver = new ConfigResolver(settings);
        this.settings = settings;
        this.terminal = terminal;
        this.tuning = tuning;
    }

    /**
     * Runs one command line.
     *
     * @param args the arguments
     * @param out  standard output (results with {@code --json}, help, version, completion)
     * @param err  standard error (people's output, progress, errors)
     * @param env  the environment
     * @param home the user's home folder (for the config file)
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Path home) {
        return run(args, out, err, env, home, false, UnaryOperator.identity(), Clock.systemUTC());
    }

    /**
     * Runs one command line, with a last word on the configuration each command wires. For tests and benchmarks
     * that run the CLI against a simulator whose clock runs fast (they shorten the rate window or the download
     * timeout): such settings would overrun the real API, so the command line never offers them.
     *
     * @param args   the arguments
     * @param out    standard output
     * @param err    standard error
     * @param env    the environment
     * @param home   the user's home folder
     * @param tuning applied to every configuration a command wires, after the options are resolved
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Path home,
                          UnaryOperator<CometlyExportConfig> tuning) {
        return run(args, out, err, env, home, false, tuning, Clock.systemUTC());
    }

    /** The entry point with the system's sleeper: tests also pass the clock that says which days are closed. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Path home,
                   boolean terminal, UnaryOperator<CometlyExportConfig> tuning, Clock clock) {
        return run(args, out, err, env, home, terminal, tuning, clock, Sleeper.system());
    }

    /** The whole entry point: tests also pass the clock and a sleeper that moves it instead of waiting. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Path home,
                   boolean terminal, UnaryOperator<CometlyExportConfig> tuning, Clock clock, Sleeper sleeper) {
        Settings settings;
        try {
            settings = new Settings(env, home);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.USAGE.code;
        }
        CommandLine cli = new CommandLine(new CometlyExportCli(out, err, settings, terminal,
                Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(sleeper, "sleeper"),
                Objects.requireNonNull(tuning, "tuning")));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setParameterExceptionHandler(new SafeParseErrors());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            err.println("error: " + CliLogging.scrub(e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
            return ExitCode.of(e).code;
        });
        return cli.execute(args);
    }

    /**
     * The process entry point.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        CliLogging.install();
        int code = run(args, System.out, System.err, System.getenv(), Path.of(System.getProperty("user.home")),
                CliTerminal.stderrIsTerminal(), UnaryOperator.identity(), Clock.systemUTC());
        System.exit(code);
    }

    /** Without a command: the usage, and exit 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(err);
        return ExitCode.USAGE.code;
    }

    ConfigResolver resolver() {
        return resolver;
    }

    /** @return the environment the CLI was started with */
    Map<String, String> env() {
        return settings.env();
    }

    CometlyExportConfig tune(CometlyExportConfig config) {
        return tuning.apply(config);
    }

    /** Reads the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = CometlyExportCli.class.getPackage().getImplementationVersion();
            return new String[] {"cometly-export " + (v == null ? "dev" : v)};
        }
    }
}
