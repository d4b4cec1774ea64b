package io.github.cometlyexport.cli;

import io.github.cometlyexport.app.CometlyExportConfig;
import picocli.CommandLine.Option;

/** {@code --create-rate}: for the commands that create jobs. */
final class CreateRateOption {
    @Option(names = "--create-rate", paramLabel = "N", description = "Creates per minute per Space "
            + "(COMETLY_CREATE_RATE; default " + CometlyExportConfig.DEFAULT_CREATE_RATE + ").")
    String createRate;
}
