package io.github.cometlyexport.app.cli;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.Violation;
import io.github.cometlyexport.port.in.ExportEventsCommand;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code export --date D [filters] --out <dest>}. */
@Command(name = "export", description = "Creates an export job for one day, waits, downloads, verifies and stores "
        + "it; a failed job is replaced, up to --max-attempts. Inputs are checked before any request.")
final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    CometlyExportCli cli;

    @Mixin
    CometlyExportCli.ApiOptions api;

    @Mixin
    CometlyExportCli.DestinationOptions destination;

    @Mixin
    FilterOptions filters;

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The day, in the Space's "
            + "time zone.")
    String date;

    @Option(names = "--max-attempts", defaultValue = "3", description = "Jobs to create in all when jobs fail "
            + "(default ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Override
    public Integer call() {
        List<String> problems = CometlyExportCli.problems();
        ExportRequest.Builder builder = filters.builder(date);
        for (Violation v : builder.violations()) {
            problems.add(v.toString());
        }
        if (maxAttempts < 1) {
            problems.add("--max-attempts must be at least 1");
        }
        CometlyExportConfig config = cli.config(api, destination, Math.max(1, maxAttempts), problems);
        if (!problems.isEmpty()) {
            return cli.usage(problems);
        }
        try (CometlyExport cometly = CometlyExport.create(config)) {
            ConsoleProgress progress = cli.progress(api);
            return cli.report(cometly.exportEvents().export(new ExportEventsCommand(builder.build(),
                    cometly.pollingPolicy(), cometly.replacementPolicy(), cometly.downloadPolicy(), progress)), api,
                    progress);
        }
    }
}
