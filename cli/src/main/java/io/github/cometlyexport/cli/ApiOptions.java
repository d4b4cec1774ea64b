package io.github.cometlyexport.cli;

import io.github.cometlyexport.adapter.http.CometlyHttpConfig;
import io.github.cometlyexport.app.CometlyExportConfig;
import picocli.CommandLine.Option;

/**
 * Options every command that talks to Cometly shares; what only some commands use ({@link TimeoutOption},
 * {@link CreateRateOption}, where files go, the ledger, when days close) is a mixin of those commands alone. Only
 * what is safe against the real API is offered.
 */
final class ApiOptions {
    @Option(names = "--api-key", paramLabel = "KEY", description = "Cometly API key (prefer COMETLY_API_KEY: a flag "
            + "ends up in shell history).")
    String apiKey;

    @Option(names = "--base-url", paramLabel = "URL", description = "API base URL (COMETLY_BASE_URL; default "
            + CometlyHttpConfig.DEFAULT_BASE_URL_TEXT + ").")
    String baseUrl;

    @Option(names = "--status-rate", paramLabel = "N", description = "Status requests per minute per Space "
            + "(COMETLY_STATUS_RATE; default " + CometlyExportConfig.DEFAULT_STATUS_RATE + ").")
    String statusRate;

    @Option(names = "--metrics-file", paramLabel = "PATH", description = "At exit, the run's metrics in Prometheus "
            + "text format, written atomically, also when it fails (COMETLY_METRICS_FILE; for node_exporter's "
            + "textfile collector).")
    String metricsFile;

    @Option(names = "--json", description = "One JSON object per result on stdout.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress or summary on stderr.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Every poll and retry on stderr, log lines with thread and "
            + "logger names.")
    boolean verbose;
}
