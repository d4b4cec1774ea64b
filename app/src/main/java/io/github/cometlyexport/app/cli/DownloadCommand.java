package io.github.cometlyexport.app.cli;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.port.in.DownloadExportCommand;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code download <export-id> --out <dest>}. */
@Command(name = "download", description = "Waits if needed, then downloads, verifies and stores an export.")
final class DownloadCommand implements Callable<Integer> {
    @ParentCommand
    CometlyExportCli cli;

    @Mixin
    CometlyExportCli.ApiOptions api;

    @Mixin
    CometlyExportCli.DestinationOptions destination;

    @Parameters(paramLabel = "EXPORT_ID", description = "The export's id.")
    String exportId;

    @Override
    public Integer call() {
        List<String> problems = CometlyExportCli.problems();
        ExportJobId id = StatusCommand.parseId(exportId, problems);
        CometlyExportConfig config = cli.config(api, destination, 1, problems);
        if (!problems.isEmpty()) {
            return cli.usage(problems);
        }
        try (CometlyExport cometly = CometlyExport.create(config)) {
            ConsoleProgress progress = cli.progress(api);
            return cli.report(cometly.download().download(new DownloadExportCommand(new ExportFileKey(id, null),
                    cometly.pollingPolicy(), cometly.downloadPolicy(), progress)), api, progress);
        }
    }
}
