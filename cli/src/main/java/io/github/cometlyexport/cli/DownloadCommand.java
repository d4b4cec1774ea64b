package io.github.cometlyexport.cli;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.port.driving.DownloadExportCommand;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code download <export-id> --out <dest>}. */
@Command(name = "download", description = "Waits if needed, then downloads, verifies and stores an export.")
final class DownloadCommand extends ApiCommand {
    @Mixin
    DestinationOptions destination;

    @Parameters(paramLabel = "EXPORT_ID", description = "The export's id.")
    String exportId;

    @Mixin
    DatasetOption dataset;

    @Mixin
    TimeoutOption timeout;

    @Override
    TimeoutOption timeout() {
        return timeout;
    }

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The day the export holds: stores it in that "
            + "day's partition of the table (default: under export_id=<id>/).")
    String date;

    private ExportJobId id;
    private LocalDate day;

    @Override
    void check(List<String> problems) {
        id = parseId(exportId, problems);
        id = id == null ? null : id.of(dataset.parse(problems));
        day = date == null ? null : parseDate(date, "--date", problems);
    }

    @Override
    DestinationOptions destination() {
        return destination;
    }

    @Override
    int run(CometlyExport cometly, OutputPrinter printer, ConsoleProgress progress) {
        return printer.report(destination.table(cometly).download().download(new DownloadExportCommand(new ExportFileKey(id, day),
                progress)));
    }
}
