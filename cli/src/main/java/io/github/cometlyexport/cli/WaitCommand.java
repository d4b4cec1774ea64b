package io.github.cometlyexport.cli;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.port.driving.AwaitExportCommand;
import io.github.cometlyexport.port.driving.AwaitOutcome;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code wait <export-id>}: polls until completed or failed. */
@Command(name = "wait", description = "Polls an export until it is completed or failed, within the rate budget.")
final class WaitCommand extends ApiCommand {
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

    private ExportJobId id;

    @Override
    void check(List<String> problems) {
        id = parseId(exportId, problems);
        id = id == null ? null : id.of(dataset.parse(problems));
    }

    @Override
    int run(CometlyExport cometly, OutputPrinter printer, ConsoleProgress progress) {
        AwaitOutcome outcome = cometly.await().await(new AwaitExportCommand(id, progress));
        progress.endLive();
        if (outcome instanceof AwaitOutcome.GaveUp g) {
            printer.result(OutputPrinter.jobJson(g.lastSeen()).build());
            printer.error("gave up waiting: " + g.decision().detail());
        } else {
            ExportJob job = ((AwaitOutcome.Finished) outcome).job();
            printer.job(job);
        }
        return OutputPrinter.awaitExit(outcome);
    }
}
