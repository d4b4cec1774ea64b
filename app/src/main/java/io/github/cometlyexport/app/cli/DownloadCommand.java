package io.github.cometlyexport.app.cli;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.port.driving.DownloadExportCommand;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code download <export-id> --out <dest>}. */
@Command(name = "download", description = "Waits if needed, then downloads, verifies and stores an export.")
final class DownloadCommand extends ApiCommand {
    @Mixin
    DestinationOptions destination;

    @Parameters(paramLabel = "EXPORT_ID", description = "The export's id.")
    String exportId;

    private ExportJobId id;

    @Override
    void check(List<String> problems) {
        id = parseId(exportId, problems);
    }

    @Override
    DestinationOptions destination() {
        return destination;
    }

    @Override
    int run(CometlyExport cometly, OutputPrinter printer, ConsoleProgress progress) {
        return printer.report(cometly.download().download(new DownloadExportCommand(new ExportFileKey(id, null),
                progress)));
    }
}
