package io.github.cometlyexport.cli;

import io.github.cometlyexport.adapter.metrics.MicrometerMetricsAdapter;
import io.github.cometlyexport.domain.Dataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --metrics-file}: the run's metrics in Prometheus text format, written at exit to a temporary file beside it
 * and renamed over it (node_exporter's textfile collector never reads half a file). The last success per dataset is
 * carried over from the file an earlier run left, so that a run that stores nothing keeps the series (and an alert
 * on its age keeps working).
 */
final class MetricsFile {
    private static final Pattern LAST_SUCCESS = Pattern.compile(
            "^cometly_export_last_success_timestamp_seconds\\{dataset=\"([a-z]+)\"[^}]*} ([0-9.eE+]+)$",
            Pattern.MULTILINE);

    private MetricsFile() {
    }

    /** Seeds the last successes an earlier run wrote; a missing or unreadable file seeds nothing. */
    static void carryOver(Path file, MicrometerMetricsAdapter metrics) {
        try {
            if (!Files.isRegularFile(file)) {
                return;
            }
            Matcher m = LAST_SUCCESS.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                String name = m.group(1);
                long seconds = (long) Double.parseDouble(m.group(2));
                Dataset.fromName(name).ifPresent(d -> metrics.lastSucceededAt(d, seconds));
            }
        } catch (IOException | NumberFormatException e) {
            // An unreadable old file carries nothing over; the new one replaces it.
        }
    }

    /**
     * @param file where the metrics go
     * @param text the Prometheus text format
     * @throws IOException if the folder cannot be written
     */
    static void write(Path file, String text) throws IOException {
        Path target = file.toAbsolutePath();
        Path temp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
