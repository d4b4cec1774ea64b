package io.github.cometlyexport.app.cli;

import io.github.cometlyexport.adapter.http.CometlyHttpConfig;
import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.domain.ApiKey;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.port.in.AwaitOutcome;
import io.github.cometlyexport.port.in.ExportOutcome;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code cometly-export} command. {@link #run} is the entry point for tests and embedders (streams, environment
 * and home folder passed in); {@link #main} wires it to the process.
 */
@Command(name = "cometly-export", mixinStandardHelpOptions = true, versionProvider = CometlyExportCli.Version.class,
        description = "Gets Cometly event exports out reliably: every event, exactly once, verified.",
        subcommands = {StatusCommand.class, WaitCommand.class, DownloadCommand.class, ExportCommand.class,
            BackfillCommand.class, DemoCommand.class, SimulateCommand.class, CommandLine.HelpCommand.class,
            picocli.AutoComplete.GenerateCompletion.class},
        footer = {"", "Exit codes: 0 done, 1 internal error, 2 bad usage, 3 export failed, 4 timed out, "
                + "5 auth refused, 6 not found, 7 integrity check failed, 8 storage failed."})
public final class CometlyExportCli implements Callable<Integer> {
    final PrintStream out;
    final PrintStream err;
    final Settings settings;
    final boolean terminal;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    CometlyExportCli(PrintStream out, PrintStream err, Map<String, String> env, Path home, boolean terminal) {
        this.out = out;
        this.err = err;
        this.settings = new Settings(env, home);
        this.terminal = terminal;
    }

    /**
     * Runs one command line.
     *
     * @param args the arguments
     * @param out  standard output (results with {@code --json})
     * @param err  standard error (people's output, progress, errors)
     * @param env  the environment
     * @param home the user's home folder (for the config file)
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Path home) {
        return run(args, out, err, env, home, false);
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Path home,
                   boolean terminal) {
        CometlyExportCli root;
        try {
            root = new CometlyExportCli(out, err, env, home, terminal);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.USAGE.code;
        }
        CommandLine cli = new CommandLine(root);
        cli.setOut(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            ExitCode code = ExitCode.of(e);
            err.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return code.code;
        });
        return cli.execute(args);
    }

    /**
     * The process entry point.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err, System.getenv(), Path.of(System.getProperty("user.home")),
                System.console() != null);
        System.exit(code);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(err);
        return ExitCode.USAGE.code;
    }

    /** Reads the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = CometlyExportCli.class.getPackage().getImplementationVersion();
            return new String[] {"cometly-export " + (v == null ? "dev" : v)};
        }
    }

    /** Options every command that talks to Cometly shares. */
    static final class ApiOptions {
        @Option(names = "--api-key", description = "Cometly API key (prefer COMETLY_API_KEY: a flag ends up in "
                + "shell history).")
        String apiKey;

        @Option(names = "--base-url", description = "API base URL (COMETLY_BASE_URL; default "
                + "https://app.cometly.com/public-api/v1).")
        String baseUrl;

        @Option(names = "--status-rate", description = "Status requests per minute per Space (COMETLY_STATUS_RATE; "
                + "default 30).")
        String statusRate;

        @Option(names = "--create-rate", description = "Creates per minute per Space (COMETLY_CREATE_RATE; default 5).")
        String createRate;

        @Option(names = "--timeout", description = "Longest wait for one job, e.g. 45s, 90m, 2h (COMETLY_TIMEOUT; "
                + "default 2h).")
        String timeout;

        @Option(names = "--rate-window", hidden = true, description = "Length of the rate-limit window (default 1m; "
                + "only for simulators whose clock runs fast).")
        String rateWindow;

        @Option(names = "--download-timeout", hidden = true, description = "Silence in a download before it counts "
                + "as stalled and is resumed (default 60s).")
        String downloadTimeout;

        @Option(names = "--replace-pause", hidden = true, description = "Pause before replacing a failed job "
                + "(default 10s).")
        String replacePause;

        @Option(names = "--json", description = "One JSON object per result on stdout.")
        boolean json;

        @Option(names = {"-q", "--quiet"}, description = "No progress or summary on stderr.")
        boolean quiet;

        @Option(names = {"-v", "--verbose"}, description = "Every poll and retry on stderr.")
        boolean verbose;
    }

    /** Where exports go. */
    static final class DestinationOptions {
        @Option(names = "--out", required = true, description = "A local folder, or s3://bucket/prefix.")
        String out;

        @Option(names = "--s3-endpoint", description = "An S3-compatible endpoint (MinIO, Ceph…).")
        String s3Endpoint;

        @Option(names = "--s3-path-style", description = "Address buckets by path (S3-compatible stores).")
        boolean s3PathStyle;

        @Option(names = "--verify", defaultValue = "json", paramLabel = "json|shape", description = "How each line is "
                + "checked: json (full syntax, default) or shape (one {…} per line, about 4x faster). Gzip "
                + "integrity, length and SHA-256 are always checked.")
        String verify;
    }

    /** Turns the options into a configuration, reporting every problem at once. */
    CometlyExportConfig config(ApiOptions api, DestinationOptions dest, int maxAttempts, List<String> problems) {
        String destination = dest == null ? null : dest.out;
        String s3Endpoint = dest == null ? null : dest.s3Endpoint;
        boolean pathStyle = dest != null && dest.s3PathStyle;
        CometlyExportConfig.LineCheck check = CometlyExportConfig.LineCheck.JSON;
        if (dest != null && dest.verify != null) {
            switch (dest.verify) {
                case "json" -> check = CometlyExportConfig.LineCheck.JSON;
                case "shape" -> check = CometlyExportConfig.LineCheck.SHAPE;
                default -> problems.add("--verify must be json or shape, not '" + dest.verify + "'");
            }
        }
        String key = settings.resolve(api.apiKey, "COMETLY_API_KEY", "api-key");
        String base = settings.resolve(api.baseUrl, "COMETLY_BASE_URL", "base-url");
        String status = settings.resolve(api.statusRate, "COMETLY_STATUS_RATE", "status-rate");
        String create = settings.resolve(api.createRate, "COMETLY_CREATE_RATE", "create-rate");
        String timeout = settings.resolve(api.timeout, "COMETLY_TIMEOUT", "timeout");
        ApiKey apiKey = null;
        if (key == null) {
            problems.add("no API key: set COMETLY_API_KEY (or --api-key, or api-key in " + settings.file() + ")");
        } else {
            try {
                apiKey = new ApiKey(key);
            } catch (IllegalArgumentException e) {
                problems.add("the API key is malformed: " + e.getMessage());
            }
        }
        CometlyHttpConfig http = null;
        try {
            if (apiKey != null) {
                http = CometlyHttpConfig.defaults(apiKey);
                CometlyHttpConfig.Builder b = http.toBuilder();
                if (base != null) {
                    b.baseUrl(URI.create(base));
                }
                Duration window = api.rateWindow == null ? Duration.ofMinutes(1)
                        : Settings.duration(api.rateWindow, "--rate-window");
                b.rateLimits(status == null ? 30 : Settings.positiveInt(status, "the status rate"),
                        create == null ? 5 : Settings.positiveInt(create, "the create rate"), window);
                if (api.downloadTimeout != null) {
                    b.timeouts(http.connectTimeout(), http.responseTimeout(),
                            Settings.duration(api.downloadTimeout, "--download-timeout"));
                }
                http = b.build();
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        Duration wait = Duration.ofHours(2);
        Duration pause = Duration.ofSeconds(10);
        try {
            if (api.replacePause != null) {
                pause = Settings.duration(api.replacePause, "--replace-pause");
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        try {
            if (timeout != null) {
                wait = Settings.duration(timeout, "the timeout");
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        URI endpoint = null;
        if (s3Endpoint != null) {
            try {
                endpoint = URI.create(s3Endpoint);
            } catch (IllegalArgumentException e) {
                problems.add("--s3-endpoint is not a URL: " + s3Endpoint);
            }
        }
        if (http == null || !problems.isEmpty()) {
            return null;
        }
        return CometlyExportConfig.defaults(apiKey, destination == null ? "." : destination).withHttp(http)
                .withTimeout(wait).withS3(endpoint, pathStyle).withMaxAttempts(maxAttempts).withReplacePause(pause)
                .withLineCheck(check);
    }

    /** Prints every problem and answers exit code 2. */
    int usage(List<String> problems) {
        for (String p : problems) {
            err.println("error: " + p);
        }
        return ExitCode.USAGE.code;
    }

    ConsoleProgress progress(ApiOptions api) {
        return new ConsoleProgress(err, terminal, api.quiet, api.verbose);
    }

    /** Reports an export or download outcome and returns its exit code. */
    int report(ExportOutcome outcome, ApiOptions api, ConsoleProgress progress) {
        progress.endLive();
        if (outcome instanceof ExportOutcome.Stored stored) {
            StoredExport s = stored.stored();
            ExportManifest m = s.manifest();
            if (api.json) {
                out.println(storedJson(s, stored.attempts()));
            }
            if (!api.quiet) {
                err.println((stored.alreadyStored() ? "already stored, skipped: " : "stored: ") + s.location()
                        + " (" + m.events() + " events, " + m.bytes() + " bytes, sha256 " + m.sha256() + ")");
            }
            return ExitCode.OK.code;
        }
        if (outcome instanceof ExportOutcome.JobFailed failed) {
            if (api.json) {
                out.println(jobJson(failed.lastJob()).add("attempts", failed.attempts()).build());
            }
            err.println("error: export " + failed.lastJob().id() + " failed after " + failed.attempts()
                    + (failed.attempts() == 1 ? " attempt" : " attempts") + ": " + failed.lastJob().message());
            return ExitCode.EXPORT_FAILED.code;
        }
        ExportOutcome.GaveUp gaveUp = (ExportOutcome.GaveUp) outcome;
        if (api.json) {
            out.println(jobJson(gaveUp.lastSeen()).add("attempts", gaveUp.attempts()).build());
        }
        err.println("error: gave up waiting: " + gaveUp.decision().detail());
        return ExitCode.TIMED_OUT.code;
    }

    static String storedJson(StoredExport s, int attempts) {
        ExportManifest m = s.manifest();
        JsonObjectBuilder o = Json.createObjectBuilder().add("export_id", m.exportId().value());
        if (m.date() != null) {
            o.add("date", m.date().toString());
        } else {
            o.addNull("date");
        }
        return o.add("status", "completed").add("location", s.location()).add("bytes", m.bytes())
                .add("sha256", m.sha256()).add("events", m.events()).add("attempts", attempts).build().toString();
    }

    static JsonObjectBuilder jobJson(ExportJob job) {
        JsonObjectBuilder o = Json.createObjectBuilder().add("export_id", job.id().value())
                .add("status", job.kind().wireName()).add("created_at", job.createdAt().toString());
        if (job instanceof ExportJob.Completed c) {
            o.add("completed_at", c.completedAt().toString()).add("expires_at", c.downloadUrl().expiresAt().toString());
        } else if (job instanceof ExportJob.Queued q) {
            o.add("message", q.message());
        } else if (job instanceof ExportJob.Processing p) {
            o.add("message", p.message());
        } else if (job instanceof ExportJob.Failed f) {
            o.add("message", f.message());
        }
        return o;
    }

    /** People's line for a job's status. */
    static String describe(ExportJob job) {
        String base = "export " + job.id() + ": " + job.kind().wireName() + " (created " + job.createdAt() + ")";
        if (job instanceof ExportJob.Completed c) {
            return base + ", completed " + c.completedAt() + "; download link expires " + c.downloadUrl().expiresAt();
        }
        if (job instanceof ExportJob.Failed f) {
            return base + ": " + f.message();
        }
        return base;
    }

    static int awaitExit(AwaitOutcome outcome) {
        if (outcome instanceof AwaitOutcome.GaveUp) {
            return ExitCode.TIMED_OUT.code;
        }
        return ((AwaitOutcome.Finished) outcome).job() instanceof ExportJob.Failed ? ExitCode.EXPORT_FAILED.code
                : ExitCode.OK.code;
    }

    static List<String> problems() {
        return new ArrayList<>();
    }
}
