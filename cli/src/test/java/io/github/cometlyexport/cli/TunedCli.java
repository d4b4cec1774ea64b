package io.github.cometlyexport.cli;

import io.github.cometlyexport.app.CometlyExportConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A test entry point for CLI processes started by tests ({@code ProcessBuilder}): the product's {@code main}, with
 * what the product CLI does not offer set from system properties: {@code -Dtest.downloadTimeout=300ms} (a stall
 * counts as broken sooner), {@code -Dtest.rateWindow=2s} (against a simulator whose clock runs fast) and
 * {@code -Dtest.leaseTtl=3s} (a dead process's days are taken over sooner).
 */
public final class TunedCli {
    private TunedCli() {
    }

    public static void main(String[] args) {
        CliLogging.install();
        String timeout = System.getProperty("test.downloadTimeout");
        String window = System.getProperty("test.rateWindow");
        String lease = System.getProperty("test.leaseTtl");
        int code = CometlyExportCli.run(args, System.out, System.err, System.getenv(),
                Path.of(System.getProperty("user.home")), false, config -> {
                    CometlyExportConfig out = tuned(config, timeout, window);
                    return lease == null ? out
                            : out.toBuilder().leaseTtl(Settings.duration(lease, "test.leaseTtl")).build();
                }, java.time.Clock.systemUTC());
        System.exit(code);
    }

    static CometlyExportConfig tuned(CometlyExportConfig config, String downloadTimeout, String rateWindow) {
        CometlyExportConfig out = config;
        if (downloadTimeout != null) {
            Duration download = Settings.duration(downloadTimeout, "test.downloadTimeout");
            out = out.toBuilder().http(h -> h.timeouts(config.http().connectTimeout(),
                    config.http().responseTimeout(), download)).build();
        }
        if (rateWindow != null) {
            out = out.toBuilder().simulatorRateWindow(Settings.duration(rateWindow, "test.rateWindow")).build();
        }
        return out;
    }

    /** @return a tuning for in-process runs: the download timeout only */
    static java.util.function.UnaryOperator<CometlyExportConfig> downloadTimeout(Duration timeout) {
        return config -> tuned(config, timeout.toMillis() + "ms", null);
    }
}
