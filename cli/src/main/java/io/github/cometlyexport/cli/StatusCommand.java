package io.github.cometlyexport.cli;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.port.driving.GetExportStatusCommand;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code status <export-id>}: one status request. */
@Command(name = "status", description = "Shows an export's status with one request (never the link itself).")
final class StatusCommand extends ApiCommand {
    @Parameters(paramLabel = "EXPORT_ID", description = "The export's id.")
    String exportId;

    @Mixin
    DatasetOption dataset;

    private ExportJobId id;

    @Override
    void check(List<String> problems) {
        id = parseId(exportId, problems);
        id = id == null ? null : id.of(dataset.parse(problems));
    }

    @Override
    int run(CometlyExport cometly, OutputPrinter printer, ConsoleProgress progress) {
        ExportJob job = cometly.status().getStatus(new GetExportStatusCommand(id));
        printer.job(job);
        return job instanceof ExportJob.Failed ? ExitCode.EXPORT_FAILED.code : ExitCode.OK.code;
    }
}
