package io.github.cometlyexport.app.cli;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.port.in.AwaitExportCommand;
import io.github.cometlyexport.port.in.AwaitOutcome;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code wait <export-id>}: polls until completed or failed. */
@Command(name = "wait", description = "Polls an export until it is completed or failed, within the rate budget.")
final class WaitCommand implements Callable<Integer> {
    @ParentCommand
    CometlyExportCli cli;

    @Mixin
    CometlyExportCli.ApiOptions api;

    @Parameters(paramLabel = "EXPORT_ID", description = "The export's id.")
    String exportId;

    @Override
    public Integer call() {
        List<String> problems = CometlyExportCli.problems();
        ExportJobId id = StatusCommand.parseId(exportId, problems);
        CometlyExportConfig config = cli.config(api, null, 1, problems);
        if (!problems.isEmpty()) {
            return cli.usage(problems);
        }
        try (CometlyExport cometly = CometlyExport.create(config)) {
            ConsoleProgress progress = cli.progress(api);
            AwaitOutcome outcome = cometly.await().await(new AwaitExportCommand(id, cometly.pollingPolicy(),
                    progress));
            progress.endLive();
            ExportJob job = outcome instanceof AwaitOutcome.Finished f ? f.job()
                    : ((AwaitOutcome.GaveUp) outcome).lastSeen();
            if (api.json) {
                cli.out.println(CometlyExportCli.jobJson(job).build());
            }
            if (outcome instanceof AwaitOutcome.GaveUp g) {
                cli.err.println("error: gave up waiting: " + g.decision().detail());
            } else if (!api.quiet) {
                cli.err.println(CometlyExportCli.describe(job));
            }
            return CometlyExportCli.awaitExit(outcome);
        }
    }
}
