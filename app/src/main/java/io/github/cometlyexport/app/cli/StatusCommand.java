package io.github.cometlyexport.app.cli;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.port.in.GetExportStatusCommand;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code status <export-id>}: one status request. */
@Command(name = "status", description = "Shows an export's status with one request (never the link itself).")
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    CometlyExportCli cli;

    @Mixin
    CometlyExportCli.ApiOptions api;

    @Parameters(paramLabel = "EXPORT_ID", description = "The export's id.")
    String exportId;

    @Override
    public Integer call() {
        List<String> problems = CometlyExportCli.problems();
        ExportJobId id = parseId(exportId, problems);
        CometlyExportConfig config = cli.config(api, null, 1, problems);
        if (!problems.isEmpty()) {
            return cli.usage(problems);
        }
        try (CometlyExport cometly = CometlyExport.create(config)) {
            ExportJob job = cometly.status().getStatus(new GetExportStatusCommand(id));
            if (api.json) {
                cli.out.println(CometlyExportCli.jobJson(job).build());
            }
            if (!api.quiet) {
                cli.err.println(CometlyExportCli.describe(job));
            }
            return job instanceof ExportJob.Failed ? ExitCode.EXPORT_FAILED.code : ExitCode.OK.code;
        }
    }

    static ExportJobId parseId(String text, List<String> problems) {
        try {
            return ExportJobId.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }
}
