package io.github.cometlyexport.cli;

import io.github.cometlyexport.app.CometlyExportConfig;
import picocli.CommandLine.Option;

/** {@code --timeout}: for the commands that wait for a job (and, for {@code export} and {@code backfill}, a day). */
final class TimeoutOption {
    @Option(names = "--timeout", paramLabel = "DURATION", description = "Longest wait for one job, queued and "
            + "processing together (export, backfill: also for a day another process holds), e.g. 45s, 90m, 2h "
            + "(COMETLY_TIMEOUT; "
            + "default " + CometlyExportConfig.DEFAULT_TIMEOUT_HOURS + "h).")
    String timeout;
}
