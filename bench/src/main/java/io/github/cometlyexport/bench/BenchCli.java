package io.github.cometlyexport.bench;

import io.github.cometlyexport.cli.CometlyExportCli;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The CLI for benchmark processes started by {@link DisciplineBenchmark}: the product's command line with the rate
 * window of a simulator whose clock runs fast ({@code -Dbench.rateWindowMs=6000}), which the real command line
 * never offers.
 */
public final class BenchCli {
    private BenchCli() {
    }

    public static void main(String[] args) {
        Duration window = Duration.ofMillis(Long.getLong("bench.rateWindowMs", 60_000));
        int code = CometlyExportCli.run(args, System.out, System.err, System.getenv(),
                Path.of(System.getProperty("user.home")),
                (UnaryOperator<io.github.cometlyexport.app.CometlyExportConfig>) config -> config.toBuilder()
                        .simulatorRateWindow(window).build());
        System.exit(code);
    }
}
