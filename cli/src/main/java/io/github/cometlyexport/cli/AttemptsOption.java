package io.github.cometlyexport.cli;

import io.github.cometlyexport.app.CometlyExportConfig;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --max-attempts}: how many jobs the commands that create jobs may create for one day when jobs fail (or
 * complete with a file that is gone).
 */
final class AttemptsOption {
    @Option(names = "--max-attempts", defaultValue = "" + CometlyExportConfig.DEFAULT_MAX_ATTEMPTS, paramLabel = "N", description = "Jobs to create in all for "
            + "one day when jobs fail or their files are gone (default ${DEFAULT-VALUE}).")
    int maxAttempts;

    void check(List<String> problems) {
        if (maxAttempts < 1) {
            problems.add("--max-attempts must be at least 1");
        }
    }

    CometlyExportConfig apply(CometlyExportConfig config) {
        return config.toBuilder().maxAttempts(maxAttempts).build();
    }
}
